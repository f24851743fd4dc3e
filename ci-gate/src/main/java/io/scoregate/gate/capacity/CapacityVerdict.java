package io.scoregate.gate.capacity;

import io.scoregate.gate.judge.CapacityLimits;
import io.scoregate.gate.judge.Verdict;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The capacity comparison's answer (immutable, Kayenta style): the label, a sentence per reason (the deciding
 * one first), each version's capacity with its evidence, the ratio of the sustained rates, the limits decided
 * with, why stepping stopped, and every step's numbers (the rate-to-p95 curves the reports draw).
 *
 * @param ratio     candidate's sustained rate over the baseline's; empty when either sustained none
 * @param lowerBoundsOnly true when the generator ran out before either version failed: both capacities are
 *                  only lower bounds
 */
public record CapacityVerdict(Verdict verdict, List<String> reasons, VersionCapacity baseline,
                              VersionCapacity candidate, OptionalDouble ratio, CapacityLimits limits, StopReason stop,
                              boolean lowerBoundsOnly, List<CapacityStep> steps) {

    public CapacityVerdict {
        reasons = List.copyOf(reasons);
        steps = List.copyOf(steps);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a capacity verdict needs at least one reason");
        }
    }
}
