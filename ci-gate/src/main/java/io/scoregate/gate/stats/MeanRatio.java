package io.scoregate.gate.stats;

/**
 * Ratio of means candidate/baseline with the delta-method standard error of its logarithm:
 * var(log m) ~ s^2 / (n m^2), summed over the two independent arms. Chosen over the bootstrap because the
 * judge runs it thousands of times in its own simulation and over Welch-on-logs because that compares
 * geometric means, not the mean the policy names. Censored values enter at their censoring point (see
 * {@link CensoredSample}).
 */
public final class MeanRatio {

    private MeanRatio() {
    }

    public static LogRatio of(CensoredSample baseline, CensoredSample candidate) {
        requireUsable(baseline, "baseline");
        requireUsable(candidate, "candidate");
        double mb = baseline.mean();
        double mc = candidate.mean();
        double vb = baseline.variance() / (baseline.size() * mb * mb);
        double vc = candidate.variance() / (candidate.size() * mc * mc);
        double se = Math.sqrt(vb + vc);
        double perArm = Math.sqrt(vb * baseline.size() + vc * candidate.size());
        return new LogRatio(mc / mb, se, perArm);
    }

    static void requireUsable(CensoredSample s, String arm) {
        if (s.size() < 2) {
            throw new IllegalArgumentException("the " + arm + " arm needs at least 2 latencies, but had " + s.size());
        }
        if (s.mean() <= 0) {
            throw new IllegalArgumentException("the " + arm + " arm's mean latency must be above 0");
        }
    }
}
