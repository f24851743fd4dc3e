package io.scoregate.service.model;

import io.scoregate.contract.Sector;
import java.util.OptionalInt;

/**
 * A validated SME funding application: every number is inside its documented range (validation happens at
 * the HTTP edge, so models never see NaN, infinities or absurd amounts).
 */
public record LoanApplication(String applicationId, String lenderId, Sector sector, int businessAgeMonths,
                              double monthlyRevenueKes, double revenueVolatility, int mobileMoneyTxnsPerMonth,
                              double existingDebtKes, int priorLoansRepaid, int priorDefaults, OptionalInt crbScore,
                              double requestedAmountKes, int tenorMonths) {
}
