package io.scoregate.gate.stats;

import org.hipparchus.stat.ranking.NaNStrategy;
import org.hipparchus.stat.ranking.NaturalRanking;
import org.hipparchus.stat.ranking.TiesStrategy;

/**
 * Mann-Whitney U with the normal approximation, tie correction and continuity correction (the same
 * statistic as SciPy's {@code mannwhitneyu(..., method="asymptotic")}), plus the Hodges-Lehmann shift.
 * Ranks come from Hipparchus' {@link NaturalRanking} with averaged ties; timeouts rank above every
 * completed request (see {@link CensoredSample#rankValues}). Millisecond rounding makes ties the rule,
 * which is why the variance is tie-corrected rather than the exact no-ties distribution.
 */
public final class MannWhitney {

    private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

    private MannWhitney() {
    }

    public static ShiftTest test(CensoredSample baseline, CensoredSample candidate, double confidence) {
        if (baseline.isEmpty() || candidate.isEmpty()) {
            throw new IllegalArgumentException("both arms need at least one latency");
        }
        double top = Math.max(baseline.max(), candidate.max()) + 1;
        double[] b = baseline.rankValues(top);
        double[] c = candidate.rankValues(top);
        return test(b, c, baseline.sortedView(), candidate.sortedView(), confidence);
    }

    /** The test on plain (uncensored) samples, e.g. for reference checks. */
    public static ShiftTest test(double[] baseline, double[] candidate, double confidence) {
        double[] b = baseline.clone();
        double[] c = candidate.clone();
        java.util.Arrays.sort(b);
        java.util.Arrays.sort(c);
        return test(b, c, b, c, confidence);
    }

    private static ShiftTest test(double[] rankB, double[] rankC, double[] sortedB, double[] sortedC,
                                  double confidence) {
        int n1 = rankC.length;
        int n2 = rankB.length;
        double[] all = new double[n1 + n2];
        System.arraycopy(rankC, 0, all, 0, n1);
        System.arraycopy(rankB, 0, all, n1, n2);
        double[] ranks = RANKING.rank(all);
        double rankSumC = 0;
        for (int i = 0; i < n1; i++) {
            rankSumC += ranks[i];
        }
        double u = rankSumC - n1 * (n1 + 1) / 2.0;
        double sigma = tieCorrectedSigma(all, n1, n2);
        double mu = n1 * (double) n2 / 2.0;
        double z;
        double pTwo;
        double pSlower;
        if (sigma == 0) {
            // every value tied: no evidence either way
            z = 0;
            pTwo = 1;
            pSlower = 1;
        } else {
            double uMax = Math.max(u, n1 * (double) n2 - u);
            double zTwo = (uMax - mu - 0.5) / sigma;
            pTwo = Math.min(1, 2 * LogRatio.STANDARD_NORMAL.cumulativeProbability(-zTwo));
            z = (u - mu) / sigma;
            pSlower = LogRatio.STANDARD_NORMAL.cumulativeProbability(-(u - mu - 0.5) / sigma);
        }
        double shift = HodgesLehmann.estimate(sortedB, sortedC);
        Interval ci = HodgesLehmann.interval(sortedB, sortedC, confidence, sigma);
        return new ShiftTest(u, z, pTwo, pSlower, shift, ci);
    }

    /** sqrt(n1 n2 / 12 * ((N + 1) - sum(t^3 - t) / (N (N - 1)))), t the size of each group of ties. */
    static double tieCorrectedSigma(double[] values, int n1, int n2) {
        double[] s = values.clone();
        java.util.Arrays.sort(s);
        long n = s.length;
        double tieSum = 0;
        int i = 0;
        while (i < s.length) {
            int j = i;
            while (j + 1 < s.length && s[j + 1] == s[i]) {
                j++;
            }
            double t = j - i + 1;
            tieSum += t * t * t - t;
            i = j + 1;
        }
        double var = n1 * (double) n2 / 12.0 * ((n + 1) - tieSum / (n * (double) (n - 1)));
        return var <= 0 ? 0 : Math.sqrt(var);
    }
}
