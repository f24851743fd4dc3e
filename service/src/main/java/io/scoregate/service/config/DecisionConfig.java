package io.scoregate.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Map;
import java.util.Optional;

/** The funding decision policy: a default, and per-lender overrides of any of its numbers. */
@ConfigMapping(prefix = "scoregate.decision")
public interface DecisionConfig {

    /** {@code scoregate.decision.default.*}: the policy for lenders without an override. */
    @WithName("default")
    Policy defaultPolicy();

    /** {@code scoregate.decision.lenders."<lenderId>".*}: overrides; an unset number falls back to the default. */
    Map<String, LenderOverride> lenders();

    interface Policy {

        /** {@code approve-below-pd}: APPROVED when the probability of default is below this. */
        @WithDefault("0.07")
        double approveBelowPd();

        /** {@code decline-from-pd}: DECLINED when it is at or above this; in between is REFERRED. */
        @WithDefault("0.20")
        double declineFromPd();

        /** {@code max-amount-kes}: the most the lender approves automatically. */
        @WithDefault("5000000")
        double maxAmountKes();

        /** {@code max-revenue-multiple}: approved amount at most this many months of revenue. */
        @WithDefault("3.0")
        double maxRevenueMultiple();
    }

    interface LenderOverride {
        Optional<Double> approveBelowPd();

        Optional<Double> declineFromPd();

        Optional<Double> maxAmountKes();

        Optional<Double> maxRevenueMultiple();
    }
}
