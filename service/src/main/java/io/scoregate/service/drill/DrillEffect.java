package io.scoregate.service.drill;

import java.time.Duration;

/**
 * The injected behaviour for one call: a delay before scoring, possibly a fault, and extra evaluations of the
 * model (CPU spent on the calling thread).
 */
public record DrillEffect(Duration addedLatency, Fault fault, int extraEvaluations) {

    public static final DrillEffect NONE = new DrillEffect(Duration.ZERO, Fault.NONE, 0);

    public boolean isNone() {
        return fault == Fault.NONE && addedLatency.isZero() && extraEvaluations == 0;
    }

    /** Nothing to wait for: the call can be answered on the spot, extra evaluations included. */
    public boolean isImmediate() {
        return fault == Fault.NONE && addedLatency.isZero();
    }
}
