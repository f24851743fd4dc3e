package io.scoregate.gate.cli;

import picocli.CommandLine;

/** Entry point of {@code java -jar ci-gate.jar}. */
public final class GateMain {

    private GateMain() {
    }

    public static void main(String[] args) {
        System.exit(GateCommand.commandLine().execute(args));
    }
}
