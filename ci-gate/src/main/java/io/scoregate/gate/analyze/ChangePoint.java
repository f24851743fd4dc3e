package io.scoregate.gate.analyze;

import java.time.Instant;

/**
 * Where a series of time slots is best split into "before" and a worse "after": {@code at} is the first
 * request seen in the first "after" slot, {@code statistic} the standardized difference (Welch-free pooled
 * t for log latency, two-proportion z for the failure rate) at that split.
 */
public record ChangePoint(Kind kind, Instant at, int slot, double statistic, double before, double after) {

    /** Which series changed. */
    public enum Kind {
        /** Mean of log latency (geometric mean latency); before/after in ms. */
        LATENCY,
        /** Share of requests that timed out or failed; before/after as fractions. */
        FAILURE_RATE
    }
}
