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
     * One request's sums, extremes and time, in the order the requests come (floating-point sums depend on
     * it); its counts and bin come separately, through {@link #addCounts}. {@code fail} is 0 or 1, so there
     * is no branch on the outcome: the first failure seen halfway through a log would otherwise deoptimize
     * the compiled fold. A failed request adds (logMs x 0 =) -0.0 or +0.0 to the ok sums, which leaves every
     * sum exactly as skipping it would (the sums are never -0.0).
     */
    void addSums(int fail, double ms, double logMs, long epochMs) {
        double okLog = logMs * (1 - fail);
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
     * Counts gathered elsewhere ({@link ComboCounts}): requests, failures and errors at {@code c[at..at+2]},
     * the latency bins after them; {@code binMask} has a bit for every bin that may be non-zero. Integer
     * sums, so it does not matter in which order or how grouped the requests are added.
     */
    void addCounts(long[] c, int at, long binMask) {
        n += c[at];
        failed += c[at + 1];
        errors += c[at + 2];
        for (long m = binMask; m != 0; m &= m - 1) {
            int bin = Long.numberOfTrailingZeros(m);
            okBins[bin] += c[at + 3 + bin];
        }
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
