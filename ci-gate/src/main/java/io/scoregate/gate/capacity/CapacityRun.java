package io.scoregate.gate.capacity;

import java.util.List;
import java.util.Optional;

/**
 * What the stepping measured: every step in order, why it stopped, and the generator's own sentence when it
 * fell behind.
 */
public record CapacityRun(List<CapacityStep> steps, StopReason stop, Optional<String> generatorBehind) {

    public CapacityRun {
        steps = List.copyOf(steps);
    }

    /** The highest rate run. */
    public double highestRate() {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).ratePerSecond();
    }
}
