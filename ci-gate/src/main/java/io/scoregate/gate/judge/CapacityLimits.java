package io.scoregate.gate.judge;

/**
 * The service-level objective {@code compare --capacity} holds each version to, and how much capacity the
 * candidate may lose (the policy's {@code capacity:} block; defaults here, checked by {@link PolicyLoader}).
 *
 * @param maxP95Ms       a version sustains a rate when its p95 latency there is at most this (milliseconds);
 *                       the default is half the service's 500 ms scoring deadline, where answers start to be
 *                       at risk of a 504
 * @param maxTimeoutRate ... and its timeout rate is at most this (0..1)
 * @param minRatio       BLOCK when the candidate's capacity is below this share of the baseline's (0..1]
 */
public record CapacityLimits(double maxP95Ms, double maxTimeoutRate, double minRatio) {

    public static final CapacityLimits DEFAULT = new CapacityLimits(250, 0.01, 0.8);

    public CapacityLimits {
        if (!(Double.isFinite(maxP95Ms) && maxP95Ms > 0)) {
            throw new IllegalArgumentException("`capacity.maxP95` must be a positive number of milliseconds, but was "
                    + maxP95Ms);
        }
        if (!(maxTimeoutRate > 0 && maxTimeoutRate < 1)) {
            throw new IllegalArgumentException("`capacity.maxTimeoutRate` must be above 0 and below 1, but was "
                    + maxTimeoutRate);
        }
        if (!(minRatio > 0 && minRatio <= 1)) {
            throw new IllegalArgumentException("`capacity.minRatio` must be above 0 and at most 1, but was " + minRatio);
        }
    }
}
