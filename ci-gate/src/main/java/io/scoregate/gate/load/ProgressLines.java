package io.scoregate.gate.load;

import java.io.PrintWriter;

/**
 * Plain progress lines for CI logs, where a carriage-return bar would turn into one huge line. Repeated
 * identical reports (a stalled run) are still printed: a log that goes quiet looks like a hung job.
 */
public final class ProgressLines implements LoadRunner.ProgressListener {

    private final PrintWriter out;

    public ProgressLines(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void onProgress(long sent, long planned, long completed, long failed) {
        long percent = planned == 0 ? 100 : Math.min(100, Math.round(100.0 * completed / planned));
        out.println("load: sent " + sent + "/" + planned + ", completed " + completed + " (" + percent + "%), failed "
                + failed);
        out.flush();
    }
}
