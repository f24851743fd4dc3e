package io.scoregate.gate.judge;

/** A policy file the gate will not run with; the message names the field and what was wrong (exit 4). */
public final class InvalidPolicyException extends Exception {

    private final String field;

    public InvalidPolicyException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The dotted path of the offending field, e.g. {@code thresholds.timeoutRate}. */
    public String field() {
        return field;
    }
}
