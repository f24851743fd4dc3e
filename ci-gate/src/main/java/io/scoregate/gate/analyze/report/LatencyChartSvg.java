package io.scoregate.gate.analyze.report;

import io.scoregate.gate.analyze.ChartPoint;
import io.scoregate.gate.analyze.Incident;
import io.scoregate.gate.analyze.IncidentAnalysis;
import io.scoregate.gate.report.Format;
import io.scoregate.gate.report.SvgChart;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An inline SVG of mean latency per time slot, one line for the top suspect's requests and one for the
 * rest, on a log scale (a 6x slowdown and a 20% one must both be visible), with the start of every shown
 * incident marked.
 */
final class LatencyChartSvg {

    private static final SvgChart.Frame FRAME = new SvgChart.Frame(820, 340, 70, 20, 20, 60);

    private LatencyChartSvg() {
    }

    static String render(IncidentAnalysis a, String insideLabel) {
        List<ChartPoint> pts = a.chart();
        if (pts.isEmpty()) {
            return SvgChart.empty("No requests to chart.");
        }
        long t0 = pts.get(0).slotStart().toEpochMilli();
        long t1 = Math.max(t0 + 1, a.lastRequest().toEpochMilli());
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (ChartPoint p : pts) {
            for (double v : new double[] {p.insideRequests() > 0 ? p.insideMeanMs() : -1,
                    p.outsideRequests() > 0 ? p.outsideMeanMs() : -1}) {
                if (v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (hi <= 0) {
            lo = 1;
            hi = 10;
        }
        var scale = new Scale(t0, t1, Math.pow(10, Math.floor(Math.log10(lo))),
                Math.pow(10, Math.ceil(Math.log10(hi * 1.0001))));
        var chart = new SvgChart(FRAME, "mean latency over time");
        for (double g = scale.yLo; g <= scale.yHi * 1.0001; g *= 10) {
            chart.yGrid(scale.y(g), Format.readableMs(g));
        }
        chart.xTick(0, Format.clockTime(Instant.ofEpochMilli(t0))).xTick(1, Format.clockTime(Instant.ofEpochMilli(t1)));
        // one marker per incident, its label staggered so neighbouring starts stay readable
        boolean several = a.incidents().size() > 1;
        for (Incident i : a.shown()) {
            if (i.startedAt().isEmpty()) {
                continue;
            }
            Instant t = i.startedAt().get();
            String label = several ? i.number() + ". " + i.primary().map(s -> s.label()).orElse("no single cause")
                    + ", " + AnalysisNarrative.signals(i) + " " + Format.clockTime(t)
                    : "degradation starts " + Format.clockTime(t);
            chart.marker(scale.x(t.toEpochMilli()), label, (i.number() - 1) % 4, "incident");
        }
        var series = List.of(new SvgChart.Series(insideLabel, "#c0392b", "", points(pts, true, scale)),
                new SvgChart.Series("all other requests", "#2c6fbb", "", points(pts, false, scale)));
        series.forEach(chart::series);
        return chart.legend(series).render();
    }

    /** Time on x, a decade-aligned log scale of milliseconds on y. */
    private record Scale(long t0, long t1, double yLo, double yHi) {

        double x(long epochMilli) {
            return (double) (epochMilli - t0) / (t1 - t0);
        }

        double y(double ms) {
            return (Math.log10(ms) - Math.log10(yLo)) / (Math.log10(yHi) - Math.log10(yLo));
        }
    }

    private static List<SvgChart.Point> points(List<ChartPoint> pts, boolean inside, Scale scale) {
        List<SvgChart.Point> points = new ArrayList<>();
        for (ChartPoint p : pts) {
            long n = inside ? p.insideRequests() : p.outsideRequests();
            double v = inside ? p.insideMeanMs() : p.outsideMeanMs();
            if (n > 0 && v > 0) {
                points.add(new SvgChart.Point(scale.x(p.slotStart().toEpochMilli()), scale.y(v),
                        Format.clockTime(p.slotStart()) + ": " + n + " requests, mean " + Format.readableMs(v)));
            }
        }
        return points;
    }
}
