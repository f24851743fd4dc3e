package io.scoregate.gate.stats;

/**
 * Ratio of the p-quantiles candidate/baseline. Each arm's quantile gets a distribution-free
 * order-statistic interval (binomial, {@link Quantiles#orderStatisticInterval}); its width on the log
 * scale gives that arm's standard error, se = (log hi - log lo) / (2 z), and the two arms' errors add in
 * quadrature. No density estimate and no resampling, so it is cheap enough for the judge's simulation
 * and honest about ties (a flat region gives a narrow interval only when the data are really flat).
 */
public final class QuantileRatio {

    /** The confidence of the per-arm order-statistic interval the standard error is read from. */
    static final double SE_CONFIDENCE = 0.95;

    private QuantileRatio() {
    }

    public static LogRatio of(CensoredSample baseline, CensoredSample candidate, double p) {
        double qb = baseline.quantile(p);
        double qc = candidate.quantile(p);
        if (qb <= 0) {
            throw new IllegalArgumentException("the baseline's p" + Math.round(p * 100) + " must be above 0");
        }
        double seB = logSe(baseline, p);
        double seC = logSe(candidate, p);
        double perArm = Math.sqrt(seB * seB * baseline.size() + seC * seC * candidate.size());
        return new LogRatio(Math.max(qc, Double.MIN_NORMAL) / qb, Math.sqrt(seB * seB + seC * seC),
                perArm);
    }

    static double logSe(CensoredSample s, double p) {
        Interval ci = Quantiles.orderStatisticInterval(s.sortedView(), p, SE_CONFIDENCE);
        double floor = Math.max(s.quantile(p) * 1e-6, Double.MIN_NORMAL);
        double lo = Math.max(ci.lower(), floor);
        double hi = Math.max(ci.upper(), floor);
        return (Math.log(hi) - Math.log(lo)) / (2 * LogRatio.z((1 - SE_CONFIDENCE) / 2));
    }
}
