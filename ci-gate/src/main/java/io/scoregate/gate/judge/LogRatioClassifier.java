package io.scoregate.gate.judge;

import io.scoregate.gate.stats.Interval;
import io.scoregate.gate.stats.LogRatio;
import io.scoregate.gate.stats.SampleSize;

/** Turns a {@link LogRatio} into a {@link Measurement}; shared by the two latency classifiers. */
final class LogRatioClassifier {

    private LogRatioClassifier() {
    }

    static Measurement measurement(Rule rule, LogRatio r, double threshold, double detectableFactor, String test) {
        // to tell the estimate from the limit: the observed distance, but never assume less than the detectable one
        double effect = Math.max(Math.abs(Math.log(r.ratio() / threshold)), Math.log(detectableFactor));
        return new Measurement(rule, r.ratio(), threshold, r.pValueAbove(threshold), test,
                a -> new Interval(r.lower(a), r.upper(a), 1 - 2 * a),
                (a, power) -> SampleSize.forLogRatio(r.unitSd(), Math.exp(effect), a, power));
    }

    static boolean measurable(Arm a) {
        return a.latencies().size() >= 2 && a.latencies().mean() > 0;
    }
}
