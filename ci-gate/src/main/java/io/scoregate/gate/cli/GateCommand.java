package io.scoregate.gate.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code ci-gate} command: only a list of subcommands and the error handling they share. */
@Command(name = "ci-gate", mixinStandardHelpOptions = true, version = "ci-gate 0.1.0",
        description = "Guards the promotion of credit-risk model versions: compares a candidate with the "
                + "current version under load, judges the difference, and respects freeze windows.")
public final class GateCommand implements Runnable {

    /** The subcommands, in the order the help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(JudgeCommand.class, WindowCommand.class,
            CompareCommand.class, AnalyzeCommand.class, RolloutCommand.class, RollbackCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the gate as {@code java -jar} does: the command line's handlers cover the commands; this also covers
     * building the command line and parsing, so nothing ends with a stack trace or a verdict's code.
     */
    public static int execute(String... args) {
        try {
            return commandLine(CommandLine.defaultFactory(), args.length == 0 ? "" : args[0]).execute(args);
        } catch (Throwable e) {
            return GateErrors.internalError(new java.io.PrintWriter(System.err, true), e);
        }
    }

    /** A command line with the shared handlers ({@link GateErrors}): one line and a named exit code per failure. */
    public static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** The same, with a factory that builds the commands (tests inject a fake load runner, clock or environment). */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        return commandLine(factory, "");
    }

    /**
     * With only the subcommand named {@code first} when there is one by that name, else with all: picocli
     * reads every option of every command it is given, and that was 50 ms of each run's start (140 ms for
     * the whole tree, 90 ms for one command, measured with System.nanoTime around the construction).
     */
    private static CommandLine commandLine(CommandLine.IFactory factory, String first) {
        var cl = new CommandLine(new GateCommand(), factory);
        List<Class<?>> named = SUBCOMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(first)).toList();
        for (Class<?> c : named.isEmpty() ? SUBCOMMANDS : named) {
            cl.addSubcommand(c);
        }
        var errors = new GateErrors();
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionExceptionHandler(errors);
        // picocli hands Exceptions to the handler above but lets Errors through; uncaught, an OutOfMemoryError
        // ended the JVM with exit 1, the BLOCK code, and a stack trace
        var strategy = new CommandLine.RunLast();
        cl.setExecutionStrategy(parseResult -> {
            try {
                return strategy.execute(parseResult);
            } catch (Error e) {
                return GateErrors.internalError(parseResult.commandSpec().commandLine().getErr(), e);
            }
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
