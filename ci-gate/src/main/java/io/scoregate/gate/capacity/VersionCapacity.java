package io.scoregate.gate.capacity;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a capacity run established about one version: the highest rate it sustained (WITHIN its SLO) before it
 * first failed, and the rate it failed at with the evidence. Its capacity lies in [sustained, failedAt); with no
 * failure, {@code sustained} is only a lower bound.
 *
 * @param version   the version
 * @param sustained the highest rate with evidence of holding the SLO, below any failure; empty when none
 * @param failure   the first check with evidence of failing the SLO; empty when it never failed
 */
public record VersionCapacity(String version, OptionalDouble sustained, Optional<SloCheck> failure) {

    public OptionalDouble failedAt() {
        return failure.isPresent() ? OptionalDouble.of(failure.get().ratePerSecond()) : OptionalDouble.empty();
    }

    /** "at least 300 req/s", "75 req/s (failed at 90 req/s)", "none sustained (failed at 40 req/s)". */
    public String describe() {
        String held = sustained.isPresent() ? CapacityPlan.rate(sustained.getAsDouble()) + " req/s" : "no rate sustained";
        if (failure.isEmpty()) {
            return sustained.isPresent() ? "at least " + held : held;
        }
        return held + " (failed at " + CapacityPlan.rate(failure.get().ratePerSecond()) + " req/s)";
    }
}
