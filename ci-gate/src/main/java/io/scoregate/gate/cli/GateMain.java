package io.scoregate.gate.cli;

import picocli.CommandLine;

/** Entry point of {@code java -jar ci-gate.jar}. */
public final class GateMain {

    private GateMain() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = GateCommand.commandLine().execute(args);
        } catch (Throwable e) {
            // the command line's own handlers cover the commands; this covers building and parsing
            System.err.println(GateCommand.oneLine(e));
            code = ExitCode.INTERNAL_ERROR.code();
        }
        System.exit(code);
    }
}
