package io.scoregate.gate.cli;

import java.io.PrintWriter;

/**
 * A command cannot go on, or ends without a verdict: the one sentence the user reads and the exit code the
 * process ends with (jbang's {@code ExitException}). Commands throw it; {@link GateErrors} prints it and returns
 * its code, so every command's errors look alike and none maps codes of its own. Not for bugs: anything else
 * that escapes a command is an internal error (exit 70).
 */
public final class ExitException extends Exception {

    private final ExitCode code;

    public ExitException(ExitCode code, String sentence) {
        super(sentence, null, false, false);
        this.code = code;
    }

    /** The user's input must change (exit 4). */
    static ExitException invalidInput(String sentence) {
        return new ExitException(ExitCode.INVALID_INPUT, sentence);
    }

    public ExitCode code() {
        return code;
    }

    /** Prints the one line and returns the code to exit with. */
    int printTo(PrintWriter err) {
        GateErrors.print(err, getMessage());
        return code.code();
    }
}
