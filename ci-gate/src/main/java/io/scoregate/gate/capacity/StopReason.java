package io.scoregate.gate.capacity;

/** Why a capacity run stopped stepping. */
public enum StopReason {
    /** Both versions failed their SLO with evidence: both capacities are bracketed. */
    BOTH_FAILED,
    /** The load generator fell behind its schedule: rates from here on would measure this machine. */
    GENERATOR_BEHIND,
    /** The plan's last rate was run (its step count or {@code --capacity-max-rate}). */
    MAX_RATE
}
