package io.scoregate.evidence;

/** The rules a canary is watched by continuously, each with its share of the false-rollback budget. */
public enum SequentialRule {
    TIMEOUT_RATE("timeout rate"),
    ERROR_RATE("error rate"),
    /** The p95 latency limit, as the share of candidate requests at or above limit x the baseline's p95. */
    P95_TAIL("p95 latency (tail share)");

    private final String label;

    SequentialRule(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
