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
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("ci-gate: internal error: " + ex);
            return ExitCode.INTERNAL_ERROR.code();
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
