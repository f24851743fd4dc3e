package io.scoregate.gate.capacity;

import io.scoregate.gate.load.ArmSlot;
import io.scoregate.gate.load.TargetUnreachableException;
import java.io.IOException;

/** Runs one version alone at one rate: the capacity run's only contact with load (tests pass a fake). */
@FunctionalInterface
public interface StepRunner {

    /**
     * @param step  0-based step index
     * @param role  which side of the comparison the version is
     * @param rate  the arrival rate, requests per second
     * @param count measured requests to send
     */
    StepLoad run(int step, ArmSlot.Arm role, String version, double rate, long count)
            throws TargetUnreachableException, IOException, InterruptedException;
}
