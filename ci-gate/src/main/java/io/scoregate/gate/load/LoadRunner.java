package io.scoregate.gate.load;

/** Drives a {@link LoadPlan} at a staging service. */
public interface LoadRunner {

    /**
     * Runs the plan to completion.
     *
     * @throws TargetUnreachableException when the target cannot be reached before or during the run
     *                                    (the gate's exit 5)
     * @throws java.io.IOException        when the request file or access-log file cannot be read or written
     * @throws InterruptedException       when the thread was interrupted (SIGTERM): sending stopped, requests in
     *                                    flight were cancelled, nothing was written
     */
    LoadResult run(LoadPlan plan, ProgressListener progress)
            throws TargetUnreachableException, java.io.IOException, InterruptedException;

    /** Told about progress, roughly once a second; the CLI draws a bar on a terminal, lines in CI. */
    @FunctionalInterface
    interface ProgressListener {
        void onProgress(long sent, long planned, long completed, long failed);

        ProgressListener NONE = (sent, planned, completed, failed) -> { };
    }
}
