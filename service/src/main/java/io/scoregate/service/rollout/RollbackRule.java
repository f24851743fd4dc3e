package io.scoregate.service.rollout;

import io.scoregate.evidence.SequentialRule;

/** The triggers of an automatic rollback, from the incident write-up; {@link #label} is the metric tag. */
public enum RollbackRule {
    TIMEOUT_RATE("timeout_rate"),
    ERROR_RATE("error_rate"),
    P95_LATENCY("p95_latency");

    private final String label;

    RollbackRule(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The rule whose evidence crossed. */
    public static RollbackRule of(SequentialRule rule) {
        return switch (rule) {
            case TIMEOUT_RATE -> TIMEOUT_RATE;
            case ERROR_RATE -> ERROR_RATE;
            case P95_TAIL -> P95_LATENCY;
        };
    }
}
