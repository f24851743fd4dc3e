package io.scoregate.gate.load;

/** One scheduled request: which arm (version) and which endpoint. */
public record ArmSlot(Arm arm, String version, String endpoint) {

    /** The two sides of a comparison. */
    public enum Arm { BASELINE, CANDIDATE }
}
