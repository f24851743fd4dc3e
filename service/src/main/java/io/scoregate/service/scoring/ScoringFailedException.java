package io.scoregate.service.scoring;

/** The model failed to score (or a drill made it fail). */
public class ScoringFailedException extends RuntimeException {

    public ScoringFailedException(String message) {
        super(message, null, false, false);
    }

    public ScoringFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
