package io.scoregate.gate.stats;

import org.hipparchus.distribution.discrete.BinomialDistribution;
import org.hipparchus.distribution.continuous.BetaDistribution;

/**
 * Intervals and tests for rates (timeouts, errors). Exact Clopper-Pearson bounds pair with the exact
 * binomial test (a bound above the threshold exactly when the test rejects), Wilson bounds feed
 * Newcombe's interval for a difference of two rates, which stays sensible at zero events, the case a
 * ratio of rates cannot handle (a zero-error baseline).
 */
public final class Proportions {

    private Proportions() {
    }

    /** Two-sided Wilson score interval; with {@code oneSidedAlpha} each bound is a one-sided 1 - alpha bound. */
    public static Interval wilson(long events, long trials, double oneSidedAlpha) {
        requireCounts(events, trials);
        double z = LogRatio.z(oneSidedAlpha);
        double p = events / (double) trials;
        double z2 = z * z;
        double denom = 1 + z2 / trials;
        double centre = (p + z2 / (2.0 * trials)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials)) / denom;
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half), 1 - 2 * oneSidedAlpha);
    }

    /** Exact Clopper-Pearson interval with each bound a one-sided 1 - alpha bound (Beta quantiles). */
    public static Interval clopperPearson(long events, long trials, double oneSidedAlpha) {
        requireCounts(events, trials);
        // Beta quantiles directly: Hipparchus' BinomialProportion refuses the 0-event case, the common one here
        double lower = events == 0 ? 0 : new BetaDistribution(events, trials - events + 1).inverseCumulativeProbability(oneSidedAlpha);
        double upper = events == trials ? 1
                : new BetaDistribution(events + 1, trials - events).inverseCumulativeProbability(1 - oneSidedAlpha);
        return new Interval(lower, upper, 1 - 2 * oneSidedAlpha);
    }

    /** Exact one-sided p-value of H0: rate <= p0 against H1: rate > p0, i.e. P(X >= events | n, p0). */
    public static double binomialPAbove(long events, long trials, double p0) {
        requireCounts(events, trials);
        if (events == 0) {
            return 1;
        }
        var binomial = new BinomialDistribution(Math.toIntExact(trials), p0);
        return Math.min(1, Math.max(0, 1 - binomial.cumulativeProbability(Math.toIntExact(events - 1))));
    }

    /**
     * Newcombe's hybrid score interval (his method 10) for candidate rate minus baseline rate, built from
     * the two Wilson intervals; each bound one-sided at 1 - alpha.
     */
    public static Interval newcombeDifference(long eventsC, long trialsC, long eventsB, long trialsB, double oneSidedAlpha) {
        Interval c = wilson(eventsC, trialsC, oneSidedAlpha);
        Interval b = wilson(eventsB, trialsB, oneSidedAlpha);
        double pc = eventsC / (double) trialsC;
        double pb = eventsB / (double) trialsB;
        double d = pc - pb;
        double lower = d - Math.sqrt(sq(pc - c.lower()) + sq(b.upper() - pb));
        double upper = d + Math.sqrt(sq(c.upper() - pc) + sq(pb - b.lower()));
        return new Interval(lower, upper, 1 - 2 * oneSidedAlpha);
    }

    /**
     * One-sided p-value of H0: difference <= delta, by inverting Newcombe's lower bound: the alpha at which
     * the lower bound equals delta (bisection on alpha; the bound rises monotonically as alpha grows).
     */
    public static double newcombePAbove(long eventsC, long trialsC, long eventsB, long trialsB, double delta) {
        double d = eventsC / (double) trialsC - eventsB / (double) trialsB;
        if (d <= delta) {
            // the bound at alpha = 0.5 is the point estimate itself: no evidence of an excess at all
            return d == delta ? 0.5 : 1.0;
        }
        double lo = 1e-15;
        double hi = 0.5;
        if (newcombeDifference(eventsC, trialsC, eventsB, trialsB, lo).lower() > delta) {
            return lo;
        }
        for (int i = 0; i < 80; i++) {
            double mid = Math.sqrt(lo * hi); // alphas span many decades: bisect on the log scale
            if (newcombeDifference(eventsC, trialsC, eventsB, trialsB, mid).lower() > delta) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static double sq(double x) {
        return x * x;
    }

    private static void requireCounts(long events, long trials) {
        if (trials <= 0) {
            throw new IllegalArgumentException("`trials` must be at least 1, but was " + trials);
        }
        if (events < 0 || events > trials) {
            throw new IllegalArgumentException("`events` must be between 0 and " + trials + ", but was " + events);
        }
    }
}
