package io.scoregate.gate.load;

/** The staging target could not be reached or failed during the run; the message is one sentence. */
public class TargetUnreachableException extends Exception {
    public TargetUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }

    public TargetUnreachableException(String message) {
        super(message);
    }
}
