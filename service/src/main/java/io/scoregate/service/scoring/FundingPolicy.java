package io.scoregate.service.scoring;

import io.scoregate.service.model.LoanApplication;
import io.scoregate.service.model.ModelScore;
import io.scoregate.service.model.NonFiniteScoreException;

/**
 * One lender's decision rule. PD at or above {@code declineFromPd}: DECLINED. PD below {@code approveBelowPd}:
 * APPROVED for the requested amount capped at {@code maxAmountKes} and at {@code maxRevenueMultiple} months
 * of revenue (a partial approval is still APPROVED; with no revenue at all it is REFERRED). Otherwise REFERRED.
 */
public record FundingPolicy(double approveBelowPd, double declineFromPd, double maxAmountKes,
                            double maxRevenueMultiple) {

    public FundingPolicy {
        if (!(approveBelowPd > 0 && approveBelowPd <= declineFromPd && declineFromPd <= 1)) {
            throw new IllegalArgumentException("`approve-below-pd` and `decline-from-pd` must satisfy "
                    + "0 < approve-below-pd <= decline-from-pd <= 1, but were " + approveBelowPd + " and " + declineFromPd);
        }
        if (!(maxAmountKes > 0 && maxAmountKes <= 1e10)) {
            throw new IllegalArgumentException("`max-amount-kes` must be between 0 (exclusive) and 1e10, but was "
                    + maxAmountKes);
        }
        if (!(maxRevenueMultiple > 0 && maxRevenueMultiple <= 1000)) {
            throw new IllegalArgumentException("`max-revenue-multiple` must be between 0 (exclusive) and 1000, but was "
                    + maxRevenueMultiple);
        }
    }

    /**
     * The decision. Refuses to decide from a PD that is not a number in [0, 1] ({@link NonFiniteScoreException}) or
     * from an amount that is not finite: with NaN every comparison below is false, which would read as APPROVED.
     */
    public FundingDecision decide(ModelScore score, LoanApplication application) {
        double pd = score.probabilityOfDefault();
        if (!(pd >= 0.0 && pd <= 1.0)) {
            throw new NonFiniteScoreException(score.modelVersion(), "the probability of default", pd);
        }
        if (!Double.isFinite(application.requestedAmountKes()) || !Double.isFinite(application.monthlyRevenueKes())) {
            throw new IllegalArgumentException("requestedAmountKes " + application.requestedAmountKes()
                    + " and monthlyRevenueKes " + application.monthlyRevenueKes() + " must be finite");
        }
        if (pd >= declineFromPd) {
            return new FundingDecision(Decision.DECLINED, 0);
        }
        if (pd >= approveBelowPd) {
            return new FundingDecision(Decision.REFERRED, 0);
        }
        double cap = Math.min(maxAmountKes, application.monthlyRevenueKes() * maxRevenueMultiple);
        double amount = Math.floor(Math.min(application.requestedAmountKes(), cap));
        return amount >= 1 ? new FundingDecision(Decision.APPROVED, amount) : new FundingDecision(Decision.REFERRED, 0);
    }
}
