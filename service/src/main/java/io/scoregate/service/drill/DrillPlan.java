package io.scoregate.service.drill;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * One version's drill settings, validated. Added latency is lognormal with the given median and sigma
 * (median * exp(sigma * Z), Z standard normal), the shape real service latencies tend to have. Extra
 * evaluations are real CPU work on the request's thread (the event loop), so a drilled version saturates the
 * service the way a model that costs more to evaluate would.
 */
public record DrillPlan(String version, double addedLatencyMedianMs, double spread, double timeoutProbability,
                        double errorProbability, int extraEvaluations) {

    /** Above this a single request would hold its thread for seconds: a typo, not a drill. */
    static final int MAX_EXTRA_EVALUATIONS = 1_000_000;

    /** A plan without CPU cost. */
    public DrillPlan(String version, double addedLatencyMedianMs, double spread, double timeoutProbability,
                     double errorProbability) {
        this(version, addedLatencyMedianMs, spread, timeoutProbability, errorProbability, 0);
    }

    public DrillPlan {
        requireRange("extra-evaluations", version, extraEvaluations, 0, MAX_EXTRA_EVALUATIONS);
        requireRange("added-latency-ms", version, addedLatencyMedianMs, 0, 600_000);
        requireRange("added-latency-spread", version, spread, 0, 5);
        requireRange("timeout-probability", version, timeoutProbability, 0, 1);
        requireRange("error-probability", version, errorProbability, 0, 1);
        if (timeoutProbability + errorProbability > 1) {
            throw new IllegalArgumentException("`scoregate.drill.\"" + version + "\".timeout-probability` plus "
                    + "`error-probability` must be at most 1, but was " + (timeoutProbability + errorProbability));
        }
    }

    public boolean active() {
        return addedLatencyMedianMs > 0 || timeoutProbability > 0 || errorProbability > 0 || extraEvaluations > 0;
    }

    /** Draws this call's effect: one uniform for the fault, one Gaussian for the delay. */
    public DrillEffect draw(RandomGenerator random) {
        double u = random.nextDouble();
        Fault fault = u < timeoutProbability ? Fault.TIMEOUT
                : u < timeoutProbability + errorProbability ? Fault.ERROR : Fault.NONE;
        Duration delay = Duration.ZERO;
        if (addedLatencyMedianMs > 0) {
            double ms = addedLatencyMedianMs * Math.exp(spread * random.nextGaussian());
            delay = Duration.ofNanos((long) (ms * 1_000_000));
        }
        return new DrillEffect(delay, fault, extraEvaluations);
    }

    private static void requireRange(String key, String version, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException("`scoregate.drill.\"" + version + "\"." + key + "` must be between "
                    + min + " and " + max + ", but was " + v);
        }
    }
}
