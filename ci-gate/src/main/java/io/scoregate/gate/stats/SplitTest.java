package io.scoregate.gate.stats;

import org.hipparchus.special.Gamma;
import org.hipparchus.stat.inference.ChiSquareTest;

/**
 * Chi-square goodness of fit of the arm counts to the planned split: a run whose candidate got far
 * fewer (or more) requests than planned was not the experiment that was designed (dropped requests,
 * a router ignoring the pin), so the judge will not call it.
 */
public final class SplitTest {

    private SplitTest() {
    }

    /** p-value of the counts under the planned candidate share (0 < share < 1). */
    public static double pValue(long baselineCount, long candidateCount, double plannedCandidateShare) {
        if (baselineCount + candidateCount == 0) {
            return 1;
        }
        if (baselineCount == 0 || candidateCount == 0) {
            return 0;
        }
        double[] expected = {1 - plannedCandidateShare, plannedCandidateShare};
        double statistic = new ChiSquareTest().chiSquare(expected, new long[] {baselineCount, candidateCount});
        // upper tail of chi-square(1) as Q(1/2, x/2): 1 - cdf would round a far-off split's p to 0
        return Gamma.regularizedGammaQ(0.5, statistic / 2);
    }
}
