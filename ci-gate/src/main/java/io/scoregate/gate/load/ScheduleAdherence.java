package io.scoregate.gate.load;

import java.time.Duration;

/**
 * How well the generator kept to its schedule during the measured part. Latencies are taken from the
 * intended send time, so lag does not hide slow answers; but a generator that cannot send at the planned
 * rate is not testing the planned load, and this says so.
 *
 * @param plannedRatePerSecond the plan's arrival rate
 * @param achievedRatePerSecond measured requests actually sent, divided by the time from the first to the
 *                              last actual send
 * @param p99Lag                99th percentile of (actual - intended) send time
 * @param maxLag                worst (actual - intended) send time
 */
public record ScheduleAdherence(double plannedRatePerSecond, double achievedRatePerSecond, Duration p99Lag,
                                Duration maxLag) {

    /** True when the achieved rate is within {@code tolerance} (0.01 = 1%) of the plan. */
    public boolean heldWithin(double tolerance) {
        return achievedRatePerSecond >= plannedRatePerSecond * (1.0 - tolerance);
    }
}
