package io.scoregate.gate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code ci-gate} command: only a list of subcommands and the error handling they share. */
@Command(name = "ci-gate", mixinStandardHelpOptions = true, version = "ci-gate 0.1.0",
        description = "Guards the promotion of credit-risk model versions: compares a candidate with the "
                + "current version under load, judges the difference, and respects freeze windows.",
        subcommands = {
                JudgeCommand.class, WindowCommand.class, CompareCommand.class,
                AnalyzeCommand.class,
                RolloutCommand.class, RollbackCommand.class
        })
public final class GateCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A command line with the shared handlers: bad flags are exit 4 with one sentence, never a stack trace. */
    public static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** The same, with a factory that builds the commands (tests inject a fake load runner, clock or environment). */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        var cl = new CommandLine(new GateCommand(), factory);
        cl.setParameterExceptionHandler((ex, args) -> {
            var err = ex.getCommandLine().getErr();
            err.println("ci-gate: " + ex.getMessage());
            err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.INVALID_INPUT.code();
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> internalError(commandLine, ex));
        // picocli hands Exceptions to the handler above but lets Errors through; uncaught, an OutOfMemoryError
        // ended the JVM with exit 1, the BLOCK code, and a stack trace
        var strategy = new CommandLine.RunLast();
        cl.setExecutionStrategy(parseResult -> {
            try {
                return strategy.execute(parseResult);
            } catch (Error e) {
                return internalError(parseResult.commandSpec().commandLine(), e);
            }
        });
        return cl;
    }

    /** Anything the gate did not expect: exit 70 with one line, never a verdict's code, never a stack trace. */
    static int internalError(CommandLine commandLine, Throwable e) {
        var err = commandLine.getErr();
        err.println(oneLine(e));
        err.flush();
        return ExitCode.INTERNAL_ERROR.code();
    }

    static String oneLine(Throwable e) {
        String what = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return "ci-gate: internal error (a bug in the gate, not a verdict): " + what.replaceAll("[\\r\\n]+", " ");
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
