package io.scoregate.evidence;

/**
 * A one-sided anytime-valid test of a Bernoulli rate (a mixture sequential probability ratio test, Robbins 1970;
 * Johari et al., "Always valid inference", 2017). Against the null {@code p <= p0} ({@link Side#ABOVE}) the
 * e-value after {@code x} events in {@code n} trials is the equal-weight mixture over alternatives
 * {@code q > p0} of the likelihood ratios {@code (q/p0)^x ((1-q)/(1-p0))^(n-x)}.
 *
 * <p>Why it may be looked at after every request: each ratio is a nonnegative supermartingale under every
 * {@code p <= p0} (its one-step expectation {@code p q/p0 + (1-p)(1-q)/(1-p0)} rises with {@code p} and is 1 at
 * {@code p0}), so is their mixture, and Ville's inequality bounds the chance that it <em>ever</em> reaches
 * {@code 1/alpha} by {@code alpha}, however often and for however long it is looked at. {@link Side#BELOW} is the
 * mirror image (null {@code p >= p0}, alternatives below it).
 *
 * <p>The alternatives are spaced by a factor of {@value #SPACING} on a log scale (a log-uniform prior on the
 * size of the effect): equal weight on "25% over the limit" and "16x the limit", so both a modest regression
 * over a long run and a gross one in a handful of requests carry evidence. Cost: one exponential per
 * alternative (14 for {@code p0 = 0.05} above, 42 below).
 */
public final class MixtureRateTest {

    /** Which way the alternative lies from the null rate. */
    public enum Side {
        /** Null {@code p <= p0}: evidence that the rate is above {@code p0}. */
        ABOVE,
        /** Null {@code p >= p0}: evidence that the rate is below {@code p0}. */
        BELOW
    }

    static final double SPACING = 1.25;
    /** Alternatives below p0 reach down to p0 times this (an effect of 10 000x is as far as it is worth looking). */
    private static final double FLOOR = 1e-4;

    private final double p0;
    private final Side side;
    private final double[] logEvent;
    private final double[] logNonEvent;
    private final double logComponents;

    private MixtureRateTest(double p0, Side side) {
        if (!(p0 > 0 && p0 < 1)) {
            throw new IllegalArgumentException("`p0` must be between 0 and 1 (exclusive), but was " + p0);
        }
        this.p0 = p0;
        this.side = side;
        double[] q = alternatives(p0, side);
        this.logEvent = new double[q.length];
        this.logNonEvent = new double[q.length];
        for (int k = 0; k < q.length; k++) {
            logEvent[k] = Math.log(q[k] / p0);
            logNonEvent[k] = Math.log1p(-q[k]) - Math.log1p(-p0);
        }
        this.logComponents = Math.log(q.length);
    }

    /** Evidence that the rate is above {@code p0}. */
    public static MixtureRateTest above(double p0) {
        return new MixtureRateTest(p0, Side.ABOVE);
    }

    /** Evidence that the rate is below {@code p0}. */
    public static MixtureRateTest below(double p0) {
        return new MixtureRateTest(p0, Side.BELOW);
    }

    public double p0() {
        return p0;
    }

    public Side side() {
        return side;
    }

    /** The natural log of the e-value after {@code events} in {@code trials}. */
    public double logE(long trials, long events) {
        if (events < 0 || trials < events) {
            throw new IllegalArgumentException("`events` must be between 0 and trials (" + trials + "), but was "
                    + events);
        }
        long nonEvents = trials - events;
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[logEvent.length];
        for (int k = 0; k < terms.length; k++) {
            terms[k] = events * logEvent[k] + nonEvents * logNonEvent[k];
            max = Math.max(max, terms[k]);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum) - logComponents;
    }

    private static double[] alternatives(double p0, Side side) {
        java.util.List<Double> q = new java.util.ArrayList<>();
        if (side == Side.ABOVE) {
            double top = 1 - (1 - p0) / 100;
            for (double a = p0 * SPACING; a < top; a *= SPACING) {
                q.add(a);
            }
            q.add(top);
        } else {
            double bottom = p0 * FLOOR;
            for (double a = p0 / SPACING; a > bottom; a /= SPACING) {
                q.add(a);
            }
            q.add(bottom);
        }
        return q.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
