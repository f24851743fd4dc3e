package io.scoregate.gate.rollout;

import io.scoregate.gate.report.SvgChart;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An inline SVG of a rollout's timeline: the candidate's weight as a step line (right axis, 0-100%) and
 * the mean latency of both versions at every look (left axis, ms).
 */
final class TimelineChart {

    private static final SvgChart.Frame FRAME = new SvgChart.Frame(900, 330, 60, 50, 10, 74);

    private TimelineChart() {
    }

    static String svg(List<TimelineEntry> timeline) {
        if (timeline.isEmpty()) {
            return SvgChart.empty("No timeline.");
        }
        Instant t0 = timeline.get(0).at();
        double span = Math.max(1, Duration.between(t0, timeline.get(timeline.size() - 1).at()).toMillis());
        double maxMs = 1;
        for (TimelineEntry e : timeline) {
            maxMs = Math.max(maxMs, meanMs(e.stable()).orElse(0.0));
            maxMs = Math.max(maxMs, meanMs(e.candidate()).orElse(0.0));
        }
        List<SvgChart.Point> weight = new ArrayList<>();
        List<SvgChart.Point> stable = new ArrayList<>();
        List<SvgChart.Point> candidate = new ArrayList<>();
        int lastWeight = -1;
        for (TimelineEntry e : timeline) {
            double x = Duration.between(t0, e.at()).toMillis() / span;
            if (e.candidateWeight() >= 0) {
                if (lastWeight >= 0) {
                    weight.add(SvgChart.Point.of(x, lastWeight / 100.0)); // a step: hold the old weight until now
                }
                weight.add(SvgChart.Point.of(x, e.candidateWeight() / 100.0));
                lastWeight = e.candidateWeight();
            }
            double scale = maxMs;
            meanMs(e.stable()).ifPresent(ms -> stable.add(SvgChart.Point.of(x, ms / scale)));
            meanMs(e.candidate()).ifPresent(ms -> candidate.add(SvgChart.Point.of(x, ms / scale)));
        }
        var chart = new SvgChart(FRAME, "candidate weight and mean latency over time")
                .yGrid(1, String.format(Locale.ROOT, "%.0f ms", maxMs)).yGrid(0, "0 ms")
                .rightLabel(1, "100%").rightLabel(0, "0%")
                .xTick(0, "0 s").xTick(1, String.format(Locale.ROOT, "%.0f s", span / 1000));
        var series = List.of(new SvgChart.Series("candidate weight", "#888", "6 3", weight),
                new SvgChart.Series("stable mean", "#1f77b4", "", stable),
                new SvgChart.Series("candidate mean", "#d62728", "", candidate));
        series.forEach(chart::series);
        return chart.legend(series).render();
    }

    private static Optional<Double> meanMs(Optional<TimelineEntry.ArmNumbers> arm) {
        return arm.map(TimelineEntry.ArmNumbers::meanMs).filter(Double::isFinite);
    }
}
