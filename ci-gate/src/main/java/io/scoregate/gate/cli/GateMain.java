package io.scoregate.gate.cli;

/** Entry point of {@code java -jar ci-gate.jar}. */
public final class GateMain {

    private GateMain() {
    }

    public static void main(String[] args) {
        System.exit(GateCommand.execute(args));
    }
}
