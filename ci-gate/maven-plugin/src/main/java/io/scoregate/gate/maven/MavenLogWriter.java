package io.scoregate.gate.maven;

import java.io.Writer;
import java.util.function.Consumer;

/**
 * A Writer that hands complete lines to the Maven log, so the gate's output appears with the build's
 * own. A carriage return (a terminal progress bar's redraw) also ends a line.
 */
final class MavenLogWriter extends Writer {

    private final Consumer<CharSequence> sink;
    private final StringBuilder line = new StringBuilder();

    MavenLogWriter(Consumer<CharSequence> sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            if (c == '\n' || c == '\r') {
                emit();
            } else {
                line.append(c);
            }
        }
    }

    private void emit() {
        if (line.length() > 0) {
            sink.accept(line.toString());
            line.setLength(0);
        }
    }

    @Override
    public synchronized void flush() {
        // a partial line waits for its end; close() emits it
    }

    @Override
    public synchronized void close() {
        emit();
    }
}
