package io.scoregate.service.model;

/**
 * A model version computed a number no credit decision may be made from: a feature, the log-odds, the probability
 * of default or a reason-code contribution that is NaN or infinite (or a PD outside [0, 1]). The artifact parser
 * proves this cannot happen on a validated application (docs/svc-scoring.md, "Numeric safety"); this is the
 * request-time backstop for whatever that proof misses. The request is answered 500 and counted as ERROR, never
 * with a score or a decision.
 * <p>
 * The message is for the server log: it names the version, the quantity and its value. Answers to the lender must
 * not carry it. No stack trace is filled: the message says where, and the failure path stays cheap.
 */
public class NonFiniteScoreException extends RuntimeException {

    private final String version;
    private final String quantity;
    private final double value;

    public NonFiniteScoreException(String version, String quantity, double value) {
        super("model version " + version + " computed " + quantity + " = " + value
                + "; no score or decision is made from it", null, false, false);
        this.version = version;
        this.quantity = quantity;
        this.value = value;
    }

    public String version() {
        return version;
    }

    /** What was not finite, e.g. "the log-odds" or "the contribution of feature 'crbScore'". */
    public String quantity() {
        return quantity;
    }

    public double value() {
        return value;
    }
}
