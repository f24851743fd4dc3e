package io.scoregate.gate.capacity;

import io.scoregate.gate.judge.Arm;

/** How one version's run at one rate ended: measured, or the load generator fell behind its own schedule. */
public sealed interface StepLoad {

    /** The run kept its schedule; {@code arm} holds its measured requests. */
    record Measured(Arm arm) implements StepLoad {
    }

    /**
     * The generator could not send at the rate (its late-send guard tripped): the run measured the machine
     * running the gate, not the service, so nothing is concluded from it.
     */
    record GeneratorBehind(String why) implements StepLoad {
    }
}
