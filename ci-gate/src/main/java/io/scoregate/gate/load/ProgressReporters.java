package io.scoregate.gate.load;

import java.io.PrintWriter;

/** Picks how to show load progress: a bar for a person at a terminal, plain lines in CI. */
public final class ProgressReporters {

    private ProgressReporters() {
    }

    /** A bar when this JVM has a console (an interactive terminal), plain lines otherwise. */
    public static LoadRunner.ProgressListener forConsole(PrintWriter out) {
        return of(out, System.console() != null);
    }

    public static LoadRunner.ProgressListener of(PrintWriter out, boolean terminal) {
        return terminal ? new ProgressBar(out) : new ProgressLines(out);
    }
}
