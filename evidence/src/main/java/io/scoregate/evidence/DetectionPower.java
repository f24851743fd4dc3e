package io.scoregate.evidence;

import java.util.OptionalLong;

/**
 * How soon a rate rule catches a candidate that really is bad: the chance that its evidence has crossed by
 * the n-th candidate request, computed exactly (first passage of a binomial walk over the critical counts).
 * A canary step can move on once a regression of a named size would have been caught by now with high
 * probability, without waiting for the evidence a full PASS needs.
 */
public final class DetectionPower {

    private DetectionPower() {
    }

    /**
     * The fewest candidate requests after which a candidate whose true rate is {@code trueRate} would have been
     * caught with probability at least {@code power}; empty when {@code maxRequests} are not enough.
     */
    public static OptionalLong requestsToDetect(double limit, double threshold, double trueRate, double power,
                                                int maxRequests) {
        if (!(trueRate > limit && trueRate <= 1)) {
            throw new IllegalArgumentException("`trueRate` must be above the limit " + limit + " and at most 1, but was "
                    + trueRate);
        }
        var critical = new CriticalCounts(MixtureRateTest.above(limit), Math.log(threshold));
        // alive[x]: chance of x events in n trials without having crossed yet
        double[] alive = new double[maxRequests + 2];
        alive[0] = 1;
        double caught = 0;
        for (int n = 1; n <= maxRequests; n++) {
            double[] next = new double[maxRequests + 2];
            for (int x = 0; x < n; x++) {
                if (alive[x] == 0) {
                    continue;
                }
                next[x] += alive[x] * (1 - trueRate);
                next[x + 1] += alive[x] * trueRate;
            }
            long c = critical.at(n);
            for (int x = (int) Math.min(c, n + 1); x <= n; x++) {
                caught += next[x];
                next[x] = 0;
            }
            alive = next;
            if (caught >= power) {
                return OptionalLong.of(n);
            }
        }
        return OptionalLong.empty();
    }
}
