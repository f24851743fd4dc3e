package io.scoregate.gate.cli;

/** The user's input must change (exit 4); the message is the one sentence printed. */
final class InvalidInputException extends Exception {

    InvalidInputException(String message) {
        super(message, null, false, false);
    }
}
