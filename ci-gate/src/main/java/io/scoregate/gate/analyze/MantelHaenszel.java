package io.scoregate.gate.analyze;

import java.util.List;

/**
 * The Mantel-Haenszel risk ratio: the risk ratio of an exposure (a dimension value) on an outcome (a
 * degraded request) pooled across strata of a third variable, i.e. with that variable held fixed. A cause
 * keeps its ratio in every stratum; a value that only looked bad because it travelled with the cause falls
 * to about 1. Strata where everyone or no one is exposed carry no information and are skipped; when a zero
 * cell makes the pooled ratio 0 or infinite, 0.5 is added to every cell of the informative strata (Haldane).
 */
final class MantelHaenszel {

    /** One stratum: degraded and total among the exposed, degraded and total among the unexposed. */
    record Stratum(double exposedDegraded, double exposed, double otherDegraded, double other) {
        boolean informative() {
            return exposed > 0 && other > 0;
        }
    }

    private MantelHaenszel() {
    }

    /** The pooled risk ratio; NaN when no stratum is informative. */
    static double riskRatio(List<Stratum> strata) {
        double num = 0;
        double den = 0;
        boolean any = false;
        for (Stratum s : strata) {
            if (s.informative()) {
                any = true;
                double total = s.exposed() + s.other();
                num += s.exposedDegraded() * s.other() / total;
                den += s.otherDegraded() * s.exposed() / total;
            }
        }
        if (!any) {
            return Double.NaN;
        }
        if (num > 0 && den > 0) {
            return num / den;
        }
        num = 0;
        den = 0;
        for (Stratum s : strata) {
            if (s.informative()) {
                double total = s.exposed() + s.other() + 2;
                num += (s.exposedDegraded() + 0.5) * (s.other() + 1) / total;
                den += (s.otherDegraded() + 0.5) * (s.exposed() + 1) / total;
            }
        }
        return num / den;
    }

    /** The crude (unstratified) risk ratio with the same 0.5 correction when a cell is zero. */
    static double crude(Stratum s) {
        if (s.exposed() <= 0 || s.other() <= 0) {
            return Double.NaN;
        }
        if (s.exposedDegraded() > 0 && s.otherDegraded() > 0) {
            return (s.exposedDegraded() / s.exposed()) / (s.otherDegraded() / s.other());
        }
        return ((s.exposedDegraded() + 0.5) / (s.exposed() + 1)) / ((s.otherDegraded() + 0.5) / (s.other() + 1));
    }
}
