package io.scoregate.service.rest;

import io.scoregate.service.model.Sector;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request body as the OpenAPI document shows it; validation itself is {@link ApplicationReader}. */
@Schema(name = "Application", description = "An SME funding application; unknown fields are ignored")
public record ApplicationSchema(
        @Schema(required = true, maxLength = 128, examples = "app-0001") String applicationId,
        @Schema(required = true, maxLength = 64, examples = "acme-bank") String lenderId,
        @Schema(required = true) Sector sector,
        @Schema(required = true, minimum = "0", maximum = "1200") int businessAgeMonths,
        @Schema(required = true, minimum = "0", maximum = "10000000000") double monthlyRevenueKes,
        @Schema(required = true, minimum = "0", maximum = "1") double revenueVolatility,
        @Schema(required = true, minimum = "0", maximum = "10000000") int mobileMoneyTxnsPerMonth,
        @Schema(required = true, minimum = "0", maximum = "10000000000") double existingDebtKes,
        @Schema(required = true, minimum = "0", maximum = "10000") int priorLoansRepaid,
        @Schema(required = true, minimum = "0", maximum = "10000") int priorDefaults,
        @Schema(minimum = "200", maximum = "900", nullable = true) Integer crbScore,
        @Schema(required = true, minimum = "0", exclusiveMinimum = true, maximum = "10000000000") double requestedAmountKes,
        @Schema(required = true, minimum = "1", maximum = "60") int tenorMonths) {
}
