package io.scoregate.service.scoring;

/**
 * The model failed to score (or a drill made it fail). A drill's message is ours and may be shown to the client;
 * a real failure's message names exception classes and values, which stay in the server log.
 */
public class ScoringFailedException extends RuntimeException {

    private final boolean injected;

    /** A failure a drill injected on purpose. */
    public ScoringFailedException(String message) {
        super(message, null, false, false);
        this.injected = true;
    }

    /** A real failure of the model's code. */
    public ScoringFailedException(String message, Throwable cause) {
        super(message, cause);
        this.injected = false;
    }

    /** Whether a drill made this call fail (its message is then safe to show). */
    public boolean injected() {
        return injected;
    }
}
