package io.scoregate.gate.analyze;

import java.util.List;

/**
 * The Mantel-Haenszel risk ratio: the risk ratio of an exposure (a dimension value) on an outcome (a
 * degraded request) pooled across strata of a third variable, i.e. with that variable held fixed. A cause
 * keeps its ratio in every stratum; a value that only looked bad because it travelled with the cause falls
 * to about 1. Strata where everyone or no one is exposed carry no information and are skipped; when a zero
 * cell makes the pooled ratio 0 or infinite, 0.5 is added to every cell of the informative strata (Haldane).
 * Confidence intervals: Greenland-Robins (1985) variance of log RR_MH; Katz log interval for the crude ratio.
 */
final class MantelHaenszel {

    private static final double Z95 = 1.959963984540054;

    /** One stratum: degraded and total among the exposed, degraded and total among the unexposed. */
    record Stratum(double exposedDegraded, double exposed, double otherDegraded, double other) {
        boolean informative() {
            return exposed > 0 && other > 0;
        }

        Stratum corrected() {
            return new Stratum(exposedDegraded + 0.5, exposed + 1, otherDegraded + 0.5, other + 1);
        }
    }

    /** A risk ratio with its 95% confidence interval; all NaN when it cannot be estimated. */
    record Estimate(double riskRatio, double low, double high) {
        static final Estimate NONE = new Estimate(Double.NaN, Double.NaN, Double.NaN);

        boolean includesOne() {
            return !(low > 1) && !(high < 1);
        }
    }

    private MantelHaenszel() {
    }

    /** The pooled risk ratio over the informative strata. */
    static Estimate pooled(List<Stratum> strata) {
        List<Stratum> used = strata.stream().filter(Stratum::informative).toList();
        if (used.isEmpty()) {
            return Estimate.NONE;
        }
        Estimate e = pooledOf(used);
        return Double.isFinite(e.riskRatio()) && e.riskRatio() > 0 ? e
                : pooledOf(used.stream().map(Stratum::corrected).toList());
    }

    private static Estimate pooledOf(List<Stratum> strata) {
        double r = 0;
        double s = 0;
        double p = 0;
        for (Stratum st : strata) {
            double a = st.exposedDegraded();
            double c = st.otherDegraded();
            double n1 = st.exposed();
            double n0 = st.other();
            double total = n1 + n0;
            r += a * n0 / total;
            s += c * n1 / total;
            p += (n1 * n0 * (a + c) - a * c * total) / (total * total);
        }
        double rr = r / s;
        double se = Math.sqrt(Math.max(0, p / (r * s)));
        return new Estimate(rr, rr * Math.exp(-Z95 * se), rr * Math.exp(Z95 * se));
    }

    /** The crude (unstratified) risk ratio with the same 0.5 correction when a degraded count is zero. */
    static Estimate crude(Stratum s) {
        if (!s.informative()) {
            return Estimate.NONE;
        }
        Stratum c = s.exposedDegraded() > 0 && s.otherDegraded() > 0 ? s : s.corrected();
        double rr = (c.exposedDegraded() / c.exposed()) / (c.otherDegraded() / c.other());
        double se = Math.sqrt(Math.max(0, 1 / c.exposedDegraded() - 1 / c.exposed() + 1 / c.otherDegraded()
                - 1 / c.other()));
        return new Estimate(rr, rr * Math.exp(-Z95 * se), rr * Math.exp(Z95 * se));
    }
}
