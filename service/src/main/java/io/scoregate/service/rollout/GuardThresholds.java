package io.scoregate.service.rollout;

import io.scoregate.service.config.RolloutGuardConfig;
import java.time.Duration;

/**
 * The guard's limits; the one source of every threshold (the config's defaults feed it).
 *
 * @param window            sliding window of this instance's traffic compared
 * @param minRequests       requests each compared version needs in the window before the guard may act
 * @param meanLatencyFactor breach when candidate mean latency > factor x stable mean
 * @param p95LatencyFactor  breach when candidate p95 > factor x stable p95
 * @param maxTimeoutRate    breach when the candidate's timeout rate is above this (0..1)
 * @param maxErrorRate      breach when the candidate's error rate is above this (0..1)
 */
public record GuardThresholds(Duration window, int minRequests, double meanLatencyFactor, double p95LatencyFactor,
                              double maxTimeoutRate, double maxErrorRate) {

    public GuardThresholds {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("`scoregate.guard.window` must be positive, but was " + window);
        }
        if (minRequests < 1) {
            throw new IllegalArgumentException("`scoregate.guard.min-requests` must be at least 1, but was "
                    + minRequests);
        }
        requireAtLeastOne("mean-latency-factor", meanLatencyFactor);
        requireAtLeastOne("p95-latency-factor", p95LatencyFactor);
        requireRate("max-timeout-rate", maxTimeoutRate);
        requireRate("max-error-rate", maxErrorRate);
    }

    public static GuardThresholds from(RolloutGuardConfig c) {
        return new GuardThresholds(c.window(), c.minRequests(), c.meanLatencyFactor(), c.p95LatencyFactor(),
                c.maxTimeoutRate(), c.maxErrorRate());
    }

    private static void requireAtLeastOne(String key, double v) {
        if (!(v >= 1.0)) {
            throw new IllegalArgumentException("`scoregate.guard." + key + "` must be at least 1.0, but was " + v);
        }
    }

    private static void requireRate(String key, double v) {
        if (!(v >= 0.0 && v <= 1.0)) {
            throw new IllegalArgumentException("`scoregate.guard." + key + "` must be between 0 and 1, but was " + v);
        }
    }
}
