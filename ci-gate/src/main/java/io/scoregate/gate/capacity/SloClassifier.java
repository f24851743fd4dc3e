package io.scoregate.gate.capacity;

import io.scoregate.gate.judge.Arm;
import io.scoregate.gate.judge.CapacityLimits;
import io.scoregate.gate.judge.Classification;
import io.scoregate.gate.stats.Interval;
import io.scoregate.gate.stats.Proportions;
import io.scoregate.gate.stats.Quantiles;
import java.util.Locale;

/**
 * Holds one version's run at one rate to the capacity SLO with confidence bounds: the p95 with the
 * distribution-free order-statistic bounds (timeouts enter at the client timeout, so a p95 on them is itself a
 * lower bound, the safe side for "it failed"), the timeout rate with exact Clopper-Pearson bounds.
 *
 * <p>Failure is the claim a BLOCK rests on, so its level is Bonferroni-corrected over both rules and every step of
 * the plan ({@code failAlpha} = alpha / (2 x steps)): a version within its SLO at every rate is found failing at
 * any of them with probability at most alpha. "Sustained" uses the plain one-sided alpha, as the judge's WITHIN
 * does (both bounds must be inside, an intersection-union test that needs no correction).
 */
public final class SloClassifier {

    private final CapacityLimits limits;
    private final double alpha;
    private final double failAlpha;
    private final long minRequests;

    public SloClassifier(CapacityLimits limits, double alpha, int steps, long minRequests) {
        this.limits = limits;
        this.alpha = alpha;
        this.failAlpha = alpha / (2.0 * steps);
        this.minRequests = minRequests;
    }

    /**
     * The fewest requests at which a run with one timeout still shows the timeout objective held (its
     * Clopper-Pearson upper bound at {@code alpha} at most {@code maxTimeoutRate}): a step shorter than this could
     * never find a version sustaining a rate over one stray timeout (1% at alpha 0.05: 473 requests).
     */
    public static long requestsToHold(CapacityLimits limits, double alpha) {
        long lo = 2;
        long hi = 2;
        while (Proportions.clopperPearson(1, hi, alpha).upper() > limits.maxTimeoutRate()) {
            lo = hi;
            hi *= 2;
        }
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (Proportions.clopperPearson(1, mid, alpha).upper() > limits.maxTimeoutRate()) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    public SloCheck classify(Arm arm, double ratePerSecond) {
        long n = arm.requests();
        long k = arm.timeouts();
        var latencies = arm.latencies();
        if (n < minRequests || latencies.isEmpty()) {
            String why = n < minRequests ? "only " + n + " requests, at least " + minRequests + " are needed"
                    : "no latencies (every request failed)";
            return new SloCheck(arm.version(), ratePerSecond, n, k, arm.errors(), Double.NaN, Double.NaN, Double.NaN,
                    n == 0 ? Double.NaN : k / (double) n, Double.NaN, Double.NaN, Classification.NO_DATA,
                    arm.version() + " at " + CapacityPlan.rate(ratePerSecond) + " req/s: " + why + ".");
        }
        double[] sorted = latencies.sortedValues();
        double p95 = latencies.quantile(0.95);
        double p95Low = Quantiles.orderStatisticInterval(sorted, 0.95, 1 - 2 * failAlpha).lower();
        double p95High = Quantiles.orderStatisticInterval(sorted, 0.95, 1 - 2 * alpha).upper();
        double rate = k / (double) n;
        Interval failBounds = Proportions.clopperPearson(k, n, failAlpha);
        Interval holdBounds = Proportions.clopperPearson(k, n, alpha);
        Classification status;
        String what;
        if (p95Low > limits.maxP95Ms() || failBounds.lower() > limits.maxTimeoutRate()) {
            status = Classification.EXCEEDS;
            what = p95Low > limits.maxP95Ms()
                    ? String.format(Locale.ROOT, "p95 %.1f ms over the objective %s ms (lower bound %.1f ms)", p95,
                    num(limits.maxP95Ms()), p95Low)
                    : String.format(Locale.ROOT, "timeouts %.2f%% over the objective %s%% (lower bound %.2f%%)",
                    rate * 100, num(limits.maxTimeoutRate() * 100), failBounds.lower() * 100);
        } else if (p95High <= limits.maxP95Ms() && holdBounds.upper() <= limits.maxTimeoutRate()) {
            status = Classification.WITHIN;
            what = String.format(Locale.ROOT, "p95 %.1f ms (upper bound %.1f ms), timeouts %.2f%% (upper bound %.2f%%): "
                    + "within the objective", p95, p95High, rate * 100, holdBounds.upper() * 100);
        } else {
            status = Classification.UNCLEAR;
            what = String.format(Locale.ROOT, "p95 %.1f ms [%.1f, %.1f], timeouts %.2f%% [%.2f%%, %.2f%%]: the bounds "
                    + "straddle the objective (%s ms, %s%%)", p95, p95Low, p95High, rate * 100, failBounds.lower() * 100,
                    holdBounds.upper() * 100, num(limits.maxP95Ms()), num(limits.maxTimeoutRate() * 100));
        }
        return new SloCheck(arm.version(), ratePerSecond, n, k, arm.errors(), p95, p95Low, p95High, rate,
                failBounds.lower(), holdBounds.upper(), status,
                arm.version() + " at " + CapacityPlan.rate(ratePerSecond) + " req/s: " + what + ".");
    }

    private static String num(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }
}
