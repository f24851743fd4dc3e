package io.scoregate.gate.stats;

import java.util.Arrays;

/**
 * Latencies of one arm, sorted ascending, where some are right-censored: a timeout is known only to be
 * at least its recorded latency (the deadline), never "missing". The choices, in one place:
 * <ul>
 *   <li>rank tests: every censored value ranks above every observed one (tied among themselves),
 *       see {@link #rankValues(double)};</li>
 *   <li>quantiles: a censored value enters at its censoring point; a p95 that falls on a censored
 *       value is itself a lower bound, which is the safe direction for a "did it get slower" rule;</li>
 *   <li>mean: computed with censored values at their censoring point, so it is a lower bound of the
 *       true mean; a candidate that times out more can only look better than it is, never worse, so
 *       a BLOCK on the mean stays sound.</li>
 * </ul>
 */
public final class CensoredSample {

    private final double[] sorted;
    private final boolean[] censored;
    private final int censoredCount;

    private CensoredSample(double[] sorted, boolean[] censored, int censoredCount) {
        this.sorted = sorted;
        this.censored = censored;
        this.censoredCount = censoredCount;
    }

    /** @param observed latencies that completed; @param censoredAt latencies of timeouts (their censoring point) */
    public static CensoredSample of(double[] observed, double[] censoredAt) {
        int n = observed.length + censoredAt.length;
        double[] all = new double[n];
        boolean[] flag = new boolean[n];
        // sort observed and censored together, keeping the flag: sort indices by value
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        double[] raw = new double[n];
        System.arraycopy(observed, 0, raw, 0, observed.length);
        System.arraycopy(censoredAt, 0, raw, observed.length, censoredAt.length);
        if (censoredAt.length == 0) {
            double[] s = raw.clone();
            Arrays.sort(s);
            return new CensoredSample(s, new boolean[n], 0);
        }
        Arrays.sort(idx, (a, b) -> Double.compare(raw[a], raw[b]));
        for (int i = 0; i < n; i++) {
            all[i] = raw[idx[i]];
            flag[i] = idx[i] >= observed.length;
        }
        return new CensoredSample(all, flag, censoredAt.length);
    }

    public static CensoredSample of(double[] observed) {
        return of(observed, new double[0]);
    }

    public int size() {
        return sorted.length;
    }

    public boolean isEmpty() {
        return sorted.length == 0;
    }

    public int censoredCount() {
        return censoredCount;
    }

    /** Sorted values, censored ones at their censoring point. A copy. */
    public double[] sortedValues() {
        return sorted.clone();
    }

    double[] sortedView() {
        return sorted;
    }

    public double min() {
        return sorted[0];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    /** Mean with censored values at their censoring point: a lower bound when anything is censored. */
    public double mean() {
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return sum / sorted.length;
    }

    /** Unbiased sample variance (n - 1), 0 for fewer than two values. */
    public double variance() {
        int n = sorted.length;
        if (n < 2) {
            return 0;
        }
        double m = mean();
        double ss = 0;
        for (double v : sorted) {
            ss += (v - m) * (v - m);
        }
        return ss / (n - 1);
    }

    public double quantile(double p) {
        return Quantiles.type7(sorted, p);
    }

    /** Values for a rank test: censored ones replaced by {@code top}, which must exceed every observed value. */
    public double[] rankValues(double top) {
        double[] v = sorted.clone();
        for (int i = 0; i < v.length; i++) {
            if (censored[i]) {
                v[i] = top;
            }
        }
        return v;
    }
}
