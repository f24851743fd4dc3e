package io.scoregate.gate.load;

import java.io.PrintWriter;

/**
 * A one-line progress bar redrawn in place with a carriage return, for a human at a terminal. It ends
 * the line once everything planned has completed, so the next output starts on a fresh line.
 */
public final class ProgressBar implements LoadRunner.ProgressListener {

    private static final int WIDTH = 30;
    private final PrintWriter out;
    private boolean finished;

    public ProgressBar(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void onProgress(long sent, long planned, long completed, long failed) {
        if (finished) {
            return;
        }
        double fraction = planned == 0 ? 1.0 : Math.min(1.0, (double) completed / planned);
        int filled = (int) Math.round(fraction * WIDTH);
        out.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + String.format("%3d%%  sent %d/%d  done %d  failed %d ", Math.round(fraction * 100), sent, planned,
                completed, failed));
        if (completed >= planned) {
            out.println();
            finished = true;
        }
        out.flush();
    }
}
