package io.scoregate.service.rest;

import io.scoregate.contract.Sector;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The request body as the OpenAPI document shows it; validation itself is {@code scoring.ApplicationReader}. The
 * numeric ranges are not written here: {@link ApplicationRanges} fills them in from {@code model.InputField}.
 */
@Schema(name = ApplicationSchema.NAME, description = "An SME funding application; unknown fields are ignored")
public record ApplicationSchema(
        @Schema(required = true, maxLength = 128, examples = "app-0001") String applicationId,
        @Schema(required = true, maxLength = 64, examples = "acme-bank") String lenderId,
        @Schema(required = true) Sector sector,
        @Schema(required = true) int businessAgeMonths,
        @Schema(required = true) double monthlyRevenueKes,
        @Schema(required = true) double revenueVolatility,
        @Schema(required = true) int mobileMoneyTxnsPerMonth,
        @Schema(required = true) double existingDebtKes,
        @Schema(required = true) int priorLoansRepaid,
        @Schema(required = true) int priorDefaults,
        @Schema(nullable = true) Integer crbScore,
        @Schema(required = true) double requestedAmountKes,
        @Schema(required = true) int tenorMonths) {

    static final String NAME = "Application";
}
