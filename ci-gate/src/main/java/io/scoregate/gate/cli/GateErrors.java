package io.scoregate.gate.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The gate's one error path: what a command could not do is one line {@code ci-gate: <sentence>} on stderr and
 * a named exit code, never a stack trace. An {@link ExitException} carries its own code; a bad flag is
 * {@link ExitCode#INVALID_INPUT}; anything else that escapes a command is a bug in the gate,
 * {@link ExitCode#INTERNAL_ERROR}, and never a verdict's code.
 */
final class GateErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /** The one prefix of every line the gate prints about a failure; scripts and docs grep for it. */
    static final String PREFIX = "ci-gate: ";

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        if (ex instanceof ExitException exit) {
            return exit.printTo(commandLine.getErr());
        }
        return internalError(commandLine.getErr(), ex);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        print(ex.getCommandLine().getErr(), ex.getMessage() + " (run '"
                + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage)");
        return ExitCode.INVALID_INPUT.code();
    }

    /** Prints {@code sentence} as the one line, line breaks folded so it stays one. */
    static void print(PrintWriter err, String sentence) {
        err.println(PREFIX + oneLine(sentence));
        err.flush();
    }

    /** Anything the gate did not expect: exit 70 with one line naming it. */
    static int internalError(PrintWriter err, Throwable e) {
        print(err, ExitCode.INTERNAL_ERROR.meaning() + ": " + e.getClass().getName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        return ExitCode.INTERNAL_ERROR.code();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ");
    }
}
