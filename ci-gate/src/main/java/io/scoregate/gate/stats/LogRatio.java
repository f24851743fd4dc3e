package io.scoregate.gate.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * A ratio candidate/baseline estimated on the log scale with a normal standard error: the shape every
 * latency rule shares. {@code seLog} is the standard error of {@code log(ratio)}; {@code unitSd} is that
 * error as it would be with one request per arm (se = unitSd / sqrt(n) for n per arm), what a
 * sample-size calculation scales.
 */
public record LogRatio(double ratio, double seLog, double unitSd) {

    static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    /** One-sided lower bound at confidence 1 - alpha. */
    public double lower(double alpha) {
        return ratio * Math.exp(-z(alpha) * seLog);
    }

    /** One-sided upper bound at confidence 1 - alpha. */
    public double upper(double alpha) {
        return ratio * Math.exp(z(alpha) * seLog);
    }

    /**
     * One-sided p-value for "the true ratio is above {@code threshold}" (H0: ratio <= threshold). With a
     * zero standard error (constant samples) the answer is 0 or 1 by the point estimate alone.
     */
    public double pValueAbove(double threshold) {
        double diff = Math.log(ratio) - Math.log(threshold);
        if (seLog == 0) {
            return diff > 0 ? 0.0 : 1.0;
        }
        return STANDARD_NORMAL.cumulativeProbability(-diff / seLog);
    }

    static double z(double alpha) {
        return STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha);
    }
}
