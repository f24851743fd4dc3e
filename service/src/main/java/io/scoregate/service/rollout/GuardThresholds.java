package io.scoregate.service.rollout;

import io.scoregate.evidence.SequentialLimits;
import io.scoregate.service.config.RolloutGuardConfig;
import java.time.Duration;

/**
 * The guard's limits and warm-up, checked at startup against the keys they come from; the config's defaults
 * feed it, so there is one source of every threshold.
 *
 * @param alpha            chance per canary phase that a candidate within every limit is ever rolled back
 * @param warmup           time after a phase starts during which the candidate's latencies are not evidence
 * @param warmupRequests   candidate requests whose latencies are not evidence (both must have passed)
 * @param p95LatencyFactor limit on the candidate's p95 as a multiple of the stable p95
 * @param maxTimeoutRate   limit on the candidate's timeout rate (0..1)
 * @param maxErrorRate     limit on the candidate's error rate (0..1)
 */
public record GuardThresholds(double alpha, Duration warmup, int warmupRequests, double p95LatencyFactor,
                              double maxTimeoutRate, double maxErrorRate) {

    public GuardThresholds {
        // the ranges SequentialLimits accepts, named by the keys an operator sets
        requireBetween("alpha", alpha, 1e-9, 0.5);
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("`scoregate.guard.warmup` must be at least 0s, but was " + warmup);
        }
        if (warmupRequests < 0) {
            throw new IllegalArgumentException("`scoregate.guard.warmup-requests` must be at least 0, but was "
                    + warmupRequests);
        }
        requireBetween("p95-latency-factor", p95LatencyFactor, 1.0, 1000);
        requireBetween("max-timeout-rate", maxTimeoutRate, 1e-6, 0.99);
        requireBetween("max-error-rate", maxErrorRate, 1e-6, 0.99);
    }

    public static GuardThresholds from(RolloutGuardConfig c) {
        return new GuardThresholds(c.alpha(), c.warmup(), c.warmupRequests(), c.p95LatencyFactor(),
                c.maxTimeoutRate(), c.maxErrorRate());
    }

    /** What every canary phase's evidence is held to. */
    public SequentialLimits limits() {
        return new SequentialLimits(alpha, maxTimeoutRate, maxErrorRate, p95LatencyFactor);
    }

    private static void requireBetween(String key, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException("`scoregate.guard." + key + "` must be between " + min + " and " + max
                    + ", but was " + v);
        }
    }
}
