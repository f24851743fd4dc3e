package io.scoregate.evidence;

/**
 * What a canary is held to, and how sure a rollback must be.
 *
 * @param alpha        the chance that a candidate within every limit is <em>ever</em> rolled back, however long it
 *                     is watched and however often it is looked at; split evenly over the three rules (the p95
 *                     rule's share again in half between the baseline's p95 bound and the candidate's tail)
 * @param timeoutRate  the candidate's timeout rate limit (0..1)
 * @param errorRate    the candidate's error rate limit (0..1)
 * @param p95Ratio     the candidate's p95 latency limit as a multiple of the baseline's p95
 */
public record SequentialLimits(double alpha, double timeoutRate, double errorRate, double p95Ratio) {

    /** The share of requests above a p95: the tail rule's null rate. */
    public static final double TAIL_SHARE = 0.05;

    public SequentialLimits {
        check("alpha", alpha, 1e-9, 0.5);
        check("timeoutRate", timeoutRate, 1e-6, 0.99);
        check("errorRate", errorRate, 1e-6, 0.99);
        check("p95Ratio", p95Ratio, 1.0, 1000);
    }

    /** The e-value a rule must reach: the reciprocal of its share of alpha. */
    public double threshold(SequentialRule rule) {
        return rule == SequentialRule.P95_TAIL ? 2 * SequentialRule.values().length / alpha
                : SequentialRule.values().length / alpha;
    }

    /** The level of the baseline's p95 upper bound (the other half of the p95 rule's share). */
    double baselineBoundAlpha() {
        return alpha / (2 * SequentialRule.values().length);
    }

    double limit(SequentialRule rule) {
        return switch (rule) {
            case TIMEOUT_RATE -> timeoutRate;
            case ERROR_RATE -> errorRate;
            case P95_TAIL -> TAIL_SHARE;
        };
    }

    private static void check(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("`" + name + "` must be between " + min + " and " + max + ", but was "
                    + value);
        }
    }
}
