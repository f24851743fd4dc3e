package io.scoregate.service.model;

/** A model artifact that cannot be loaded; the message names the problem in one line. */
public class InvalidArtifactException extends Exception {

    public InvalidArtifactException(String message) {
        super(message, null, false, false);
    }
}
