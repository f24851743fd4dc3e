package io.scoregate.gate.judge;

import io.scoregate.gate.stats.Proportions;
import io.scoregate.gate.stats.SampleSize;
import java.util.Optional;

/**
 * The candidate's own timeout or error rate against an absolute limit: exact binomial test with the
 * matching Clopper-Pearson bounds (the bound clears the limit exactly when the test rejects).
 */
public final class RateLimitClassifier implements MetricClassifier {

    private final RateKind kind;

    private RateLimitClassifier(RateKind kind) {
        this.kind = kind;
    }

    public static RateLimitClassifier timeouts() {
        return new RateLimitClassifier(RateKind.TIMEOUT);
    }

    public static RateLimitClassifier errors() {
        return new RateLimitClassifier(RateKind.ERROR);
    }

    @Override
    public Optional<Measurement> measure(Arm baseline, Arm candidate, Policy policy) {
        long n = candidate.requests();
        if (n == 0) {
            return Optional.empty();
        }
        long k = kind.events(candidate);
        double limit = kind == RateKind.TIMEOUT ? policy.thresholds().timeoutRate() : policy.thresholds().errorRate();
        double rate = k / (double) n;
        double factor = policy.detectableFactor();
        double assumed = rate >= limit ? Math.max(rate, Math.min(1, limit * factor)) : Math.min(rate, limit / factor);
        return Optional.of(new Measurement(kind == RateKind.TIMEOUT ? Rule.TIMEOUT_RATE : Rule.ERROR_RATE, rate, limit,
                Proportions.binomialPAbove(k, n, limit), "exact one-sided binomial test, Clopper-Pearson bounds",
                a -> Proportions.clopperPearson(k, n, a),
                (a, power) -> SampleSize.forRate(limit, assumed, a, power)));
    }
}
