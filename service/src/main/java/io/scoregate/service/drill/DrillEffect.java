package io.scoregate.service.drill;

import java.time.Duration;

/** The injected behaviour for one call: a delay before scoring, and possibly a fault. */
public record DrillEffect(Duration addedLatency, Fault fault) {

    public static final DrillEffect NONE = new DrillEffect(Duration.ZERO, Fault.NONE);

    public boolean isNone() {
        return fault == Fault.NONE && addedLatency.isZero();
    }
}
