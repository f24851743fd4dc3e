package io.scoregate.gate.e2e;

import io.scoregate.gate.cli.GateCommand;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the real gate command line in this JVM, with its exit code and captured output. */
record GateRun(int code, String out, String err) {

    static GateRun of(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cl = GateCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new GateRun(code, out.toString(), err.toString());
    }

    /** Both streams, for an assertion's description. */
    String all() {
        return "stdout:\n" + out + "\nstderr:\n" + err;
    }
}
