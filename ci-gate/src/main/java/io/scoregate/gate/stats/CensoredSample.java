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
        double[] o = observed.clone();
        double[] c = censoredAt.clone();
        Arrays.sort(o);
        Arrays.sort(c);
        int n = o.length + c.length;
        double[] all = new double[n];
        boolean[] flag = new boolean[n];
        // merge the two sorted runs; on equal values the observed one goes first (censored ranks higher)
        int i = 0;
        int j = 0;
        for (int k = 0; k < n; k++) {
            if (j >= c.length || i < o.length && o[i] <= c[j]) {
                all[k] = o[i++];
            } else {
                all[k] = c[j++];
                flag[k] = true;
            }
        }
        return new CensoredSample(all, flag, c.length);
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
