package io.scoregate.gate.stats;

/**
 * Requests per arm needed for a one-sided test at level alpha to see a metric at {@code factor} times
 * its threshold as above the threshold with the given power (normal approximation). What the judge
 * quotes as "N more requests per arm" when the evidence cannot tell.
 */
public final class SampleSize {

    private SampleSize() {
    }

    /**
     * For a log-ratio rule: n = ((z_alpha + z_power) * unitSd / log(factor))^2, unitSd such that the
     * log-ratio's standard error with n requests per arm is unitSd / sqrt(n), measured so far.
     */
    public static long forLogRatio(double unitSd, double factor, double alpha, double power) {
        double zz = LogRatio.z(alpha) + LogRatio.z(1 - power);
        double effect = Math.log(factor);
        return ceil(Math.pow(zz * unitSd / effect, 2));
    }

    /** For a one-sample rate against p0, true rate p1 > p0: n = ((z_a sqrt(p0 q0) + z_b sqrt(p1 q1)) / (p1 - p0))^2. */
    public static long forRate(double p0, double p1, double alpha, double power) {
        double num = LogRatio.z(alpha) * Math.sqrt(p0 * (1 - p0)) + LogRatio.z(1 - power) * Math.sqrt(p1 * (1 - p1));
        return ceil(Math.pow(num / (p1 - p0), 2));
    }

    /**
     * For a difference of two rates (equal arms) against an allowed increase delta, true increase
     * delta1 > delta: n = (z_a + z_b)^2 (pb qb + pc qc) / (delta1 - delta)^2, pc = pb + delta1.
     */
    public static long forRateDifference(double pb, double delta, double delta1, double alpha, double power) {
        double pc = Math.max(0, Math.min(1, pb + delta1));
        double zz = LogRatio.z(alpha) + LogRatio.z(1 - power);
        return ceil(zz * zz * (pb * (1 - pb) + pc * (1 - pc)) / Math.pow(delta1 - delta, 2));
    }

    private static long ceil(double x) {
        if (!Double.isFinite(x)) {
            return Long.MAX_VALUE;
        }
        return (long) Math.ceil(x);
    }
}
