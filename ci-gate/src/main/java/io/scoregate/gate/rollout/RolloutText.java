package io.scoregate.gate.rollout;

import io.scoregate.gate.report.Format;
import java.time.Duration;
import java.util.Locale;

/** How a rollout report writes an arm's numbers, a step's duration and a rate, the same in every format. */
final class RolloutText {

    private RolloutText() {
    }

    static String latency(TimelineEntry.ArmNumbers a) {
        return String.format(Locale.ROOT, "%s: %.1f / %.1f ms (n=%d)", a.version(), a.meanMs(), a.p95Ms(), a.requests());
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    static String pct1(double rate) {
        return Format.percent(rate, 1);
    }
}
