package io.scoregate.gate.stats;

import org.hipparchus.distribution.discrete.BinomialDistribution;

/** Sample quantiles and their distribution-free (order-statistic) confidence intervals. */
public final class Quantiles {

    private Quantiles() {
    }

    /**
     * Hyndman-Fan type 7 (linear interpolation between order statistics), the default of NumPy and R,
     * so figures here match what a reader recomputes there.
     */
    public static double type7(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("`sample` must not be empty");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("`p` must be between 0 and 1, but was " + p);
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /**
     * Two-sided order-statistic interval for the p-quantile: the number of values below the true
     * quantile is Binomial(n, p), so [x(l), x(h)] with l, h from its quantiles covers it with at least the
     * given confidence, whatever the distribution. Same indices as SciPy's
     * {@code quantile_test(...).confidence_interval()}; where SciPy answers NaN (too few values for the
     * confidence) this clamps to the smallest/largest value, a narrower interval than claimed, which the
     * judge's minimum sample size keeps out of verdicts.
     */
    public static Interval orderStatisticInterval(double[] sorted, double p, double confidence) {
        int n = sorted.length;
        if (n == 0) {
            throw new IllegalArgumentException("`sample` must not be empty");
        }
        double tail = (1 - confidence) / 2;
        var binomial = new BinomialDistribution(n, p);
        int low = binomial.inverseCumulativeProbability(tail) - 1;
        int high = binomial.inverseCumulativeProbability(1 - tail);
        low = Math.max(0, Math.min(n - 1, low));
        high = Math.max(0, Math.min(n - 1, high));
        return new Interval(sorted[low], sorted[high], confidence);
    }
}
