package io.scoregate.gate.prometheus;

/** Prometheus did not give an answer the gate can judge on; the message is one line for the user. */
public final class PrometheusException extends Exception {

    /** Whose fault: the user's query (exit 4) or the environment (exit 5). */
    public enum Kind {
        /** Prometheus refused the query as malformed (a bad {@code --selector}, typically). */
        BAD_QUERY,
        /** Prometheus could not be reached, timed out, failed, or answered something that is not its API. */
        UNAVAILABLE
    }

    private final Kind kind;

    public PrometheusException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
