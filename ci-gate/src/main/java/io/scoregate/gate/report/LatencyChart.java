package io.scoregate.gate.report;

import io.scoregate.gate.judge.ArmSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An inline SVG of both arms' latency distribution functions (percentile 0..100 against latency), so a
 * reader sees at once whether the whole curve moved or only the tail. The x axis stops at the larger
 * p99 (times 1.1) so one outlier does not flatten the picture.
 */
final class LatencyChart {

    private static final SvgChart.Frame FRAME = new SvgChart.Frame(640, 330, 50, 20, 20, 72);

    private LatencyChart() {
    }

    static String svg(ArmSummary baseline, ArmSummary candidate) {
        if (baseline.percentiles().isEmpty() && candidate.percentiles().isEmpty()) {
            return SvgChart.empty("No latencies to chart.");
        }
        double xmax = Math.max(finiteOr(baseline.p99Ms()), finiteOr(candidate.p99Ms())) * 1.1;
        if (!(xmax > 0)) {
            xmax = 1;
        }
        var chart = new SvgChart(FRAME, "Latency distribution of both versions");
        for (int i = 0; i <= 4; i++) {
            chart.yGrid(i / 4.0, (i * 25) + "%");
            chart.xTick(i / 4.0, String.format(Locale.ROOT, "%.0f ms", xmax * i / 4.0));
        }
        var series = List.of(
                new SvgChart.Series("baseline " + baseline.version(), "#1f77b4", "", curve(baseline.percentiles(), xmax)),
                new SvgChart.Series("candidate " + candidate.version(), "#d62728", "6 3",
                        curve(candidate.percentiles(), xmax)));
        series.forEach(chart::series);
        return chart.xTitle("latency (share of requests at or below)").legend(series).render();
    }

    /** Percentile i of n at its latency: x is the latency's share of the axis, y the percentile's rank. */
    private static List<SvgChart.Point> curve(List<Double> percentiles, double xmax) {
        List<SvgChart.Point> points = new ArrayList<>();
        for (int i = 0; i < percentiles.size(); i++) {
            points.add(SvgChart.Point.of(percentiles.get(i) / xmax, i / (double) Math.max(1, percentiles.size() - 1)));
        }
        return points;
    }

    private static double finiteOr(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
