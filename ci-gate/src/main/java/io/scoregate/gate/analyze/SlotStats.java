package io.scoregate.gate.analyze;

/**
 * What one time slot holds for one group of requests (all of them, one dimension value, or one pair of
 * values): counts, failures, a latency histogram of the requests that did not fail, and sums for means.
 * Mutable, single-threaded; instances of the same slot layout add up exactly.
 */
final class SlotStats {

    long n;
    /** Timed out or failed (the timeouts are {@code failed - errors}). */
    long failed;
    /** Failed with ERROR (a 5xx other than the deadline). */
    long errors;
    /** Latency bins ({@link LatencyBins}) of the requests that did not fail. */
    final long[] okBins = new long[LatencyBins.COUNT];
    double sumMs;
    double sumLog;
    double sumLogSq;
    /** Sums of log latency over the requests that did not fail: the latency signal's series. */
    double okSumLog;
    double okSumLogSq;
    double minMs = Double.POSITIVE_INFINITY;
    double maxMs = Double.NEGATIVE_INFINITY;
    long firstEpochMs = Long.MAX_VALUE;
    long lastEpochMs = Long.MIN_VALUE;

    /**
     * {@code fail} and {@code error} are 0 or 1 (a timeout fails without an error), so there is no branch
     * on the outcome: the first failure seen halfway through a log would otherwise
     * deoptimize the compiled fold. A failed request adds 0 to the bins and (logMs x 0 =) -0.0 or +0.0 to
     * the ok sums, which leaves every sum exactly as skipping it would (the sums are never -0.0).
     */
    void add(int bin, int fail, int error, double ms, double logMs, long epochMs) {
        int f = fail;
        n++;
        failed += f;
        errors += error;
        okBins[bin] += 1 - f;
        double okLog = logMs * (1 - f);
        okSumLog += okLog;
        okSumLogSq += okLog * okLog;
        sumMs += ms;
        sumLog += logMs;
        sumLogSq += logMs * logMs;
        if (ms < minMs) {
            minMs = ms;
        }
        if (ms > maxMs) {
            maxMs = ms;
        }
        if (epochMs < firstEpochMs) {
            firstEpochMs = epochMs;
        }
        if (epochMs > lastEpochMs) {
            lastEpochMs = epochMs;
        }
    }

    /**
     * Counts only (requests, failures, latency bins): enough for the pair cells, which are only asked for
     * {@link #n} and {@link #degraded}; their sums, extremes and times stay unset.
     */
    void count(int bin, int fail, int error) {
        int f = fail;
        n++;
        failed += f;
        errors += error;
        okBins[bin] += 1 - f;
    }

    void addAll(SlotStats o) {
        n += o.n;
        failed += o.failed;
        errors += o.errors;
        for (int i = 0; i < okBins.length; i++) {
            okBins[i] += o.okBins[i];
        }
        sumMs += o.sumMs;
        sumLog += o.sumLog;
        sumLogSq += o.sumLogSq;
        okSumLog += o.okSumLog;
        okSumLogSq += o.okSumLogSq;
        minMs = Math.min(minMs, o.minMs);
        maxMs = Math.max(maxMs, o.maxMs);
        firstEpochMs = Math.min(firstEpochMs, o.firstEpochMs);
        lastEpochMs = Math.max(lastEpochMs, o.lastEpochMs);
    }

    /** This minus a subset of it (min, max and first time are not subtractable and are left as they are). */
    void subtract(SlotStats o) {
        n -= o.n;
        failed -= o.failed;
        errors -= o.errors;
        for (int i = 0; i < okBins.length; i++) {
            okBins[i] -= o.okBins[i];
        }
        sumMs -= o.sumMs;
        sumLog -= o.sumLog;
        sumLogSq -= o.sumLogSq;
        okSumLog -= o.okSumLog;
        okSumLogSq -= o.okSumLogSq;
    }

    /** Requests that failed or, having not failed, fell in a bin above {@code slowBin}. */
    long degraded(int slowBin) {
        return failed + slow(slowBin);
    }

    /** Requests that did not fail but fell in a bin above {@code slowBin}. */
    long slow(int slowBin) {
        long slow = 0;
        for (int i = slowBin + 1; i < okBins.length; i++) {
            slow += okBins[i];
        }
        return slow;
    }

    long timeouts() {
        return failed - errors;
    }
}
