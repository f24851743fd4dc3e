package io.scoregate.gate.judge;

import io.scoregate.gate.stats.Proportions;
import io.scoregate.gate.stats.SampleSize;
import java.util.Optional;

/**
 * Candidate rate minus baseline rate against an allowed increase, with Newcombe's interval for a
 * difference of proportions: defined at zero events, so a zero-error baseline is no escape hatch.
 */
public final class RateIncreaseClassifier implements MetricClassifier {

    private final RateKind kind;

    private RateIncreaseClassifier(RateKind kind) {
        this.kind = kind;
    }

    public static RateIncreaseClassifier timeouts() {
        return new RateIncreaseClassifier(RateKind.TIMEOUT);
    }

    public static RateIncreaseClassifier errors() {
        return new RateIncreaseClassifier(RateKind.ERROR);
    }

    @Override
    public Optional<Measurement> measure(Arm baseline, Arm candidate, Policy policy) {
        long nc = candidate.requests();
        long nb = baseline.requests();
        if (nc == 0 || nb == 0) {
            return Optional.empty();
        }
        long kc = kind.events(candidate);
        long kb = kind.events(baseline);
        double delta = kind == RateKind.TIMEOUT ? policy.thresholds().timeoutRateIncrease()
                : policy.thresholds().errorRateIncrease();
        double pb = kb / (double) nb;
        double diff = kc / (double) nc - pb;
        double factor = policy.detectableFactor();
        double assumed = diff >= delta ? Math.max(diff, delta * factor) : Math.min(diff, delta / factor);
        return Optional.of(new Measurement(kind == RateKind.TIMEOUT ? Rule.TIMEOUT_RATE_INCREASE : Rule.ERROR_RATE_INCREASE,
                diff, delta, Proportions.newcombePAbove(kc, nc, kb, nb, delta),
                "Newcombe hybrid score interval of the difference, p-value by inverting its lower bound",
                a -> Proportions.newcombeDifference(kc, nc, kb, nb, a),
                (a, power) -> SampleSize.forRateDifference(pb, delta, assumed, a, power)));
    }
}
