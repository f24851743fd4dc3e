package io.scoregate.gate.corpus;

import java.io.IOException;

/** A {@code --requests} file that cannot be used; the message is one sentence naming the file and line. */
public final class InvalidRequestFileException extends IOException {

    public InvalidRequestFileException(String message) {
        super(message);
    }
}
