package io.scoregate.service.rollout;

/** The triggers of an automatic rollback, from the incident write-up; {@link #label} is the metric tag. */
public enum RollbackRule {
    TIMEOUT_RATE("timeout_rate"),
    ERROR_RATE("error_rate"),
    MEAN_LATENCY("mean_latency"),
    P95_LATENCY("p95_latency");

    private final String label;

    RollbackRule(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
