package io.scoregate.gate.report;

import io.scoregate.gate.capacity.CapacityStep;
import io.scoregate.gate.capacity.CapacityVerdict;
import io.scoregate.gate.capacity.SloCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * An inline SVG of both versions' rate-to-p95 curves from a capacity run, with the SLO's p95 objective as a line:
 * where a curve crosses it is where that version ran out. Both axes are logarithmic: the steps are geometric, and
 * a p95 of 5 ms and one of 2 s past saturation must both be readable.
 */
final class CapacityChart {

    private static final SvgChart.Frame FRAME = new SvgChart.Frame(640, 330, 60, 20, 20, 72);

    private CapacityChart() {
    }

    static String svg(CapacityVerdict v) {
        List<double[]> base = points(v.steps(), CapacityStep::baseline);
        List<double[]> cand = points(v.steps(), CapacityStep::candidate);
        if (base.isEmpty() && cand.isEmpty()) {
            return SvgChart.empty("No step measured a p95 to chart.");
        }
        double xlo = v.steps().get(0).ratePerSecond();
        double xhi = v.steps().get(v.steps().size() - 1).ratePerSecond();
        if (!(xhi > xlo)) {
            xlo /= 1.25;
            xhi *= 1.25;
        }
        double limit = v.limits().maxP95Ms();
        double ylo = limit;
        double yhi = limit;
        for (double[] p : concat(base, cand)) {
            ylo = Math.min(ylo, p[1]);
            yhi = Math.max(yhi, p[1]);
        }
        ylo = Math.max(1e-3, ylo / 1.5);
        yhi *= 1.5;
        var chart = new SvgChart(FRAME, "p95 latency of both versions at each arrival rate");
        for (int i = 0; i <= 4; i++) {
            chart.yGrid(i / 4.0, ms(ylo * Math.pow(yhi / ylo, i / 4.0)));
            chart.xTick(i / 4.0, String.format(Locale.ROOT, "%.0f/s", xlo * Math.pow(xhi / xlo, i / 4.0)));
        }
        var series = List.of(
                new SvgChart.Series("baseline " + v.baseline().version() + ": " + v.baseline().describe(), "#1f77b4", "",
                        scaled(base, xlo, xhi, ylo, yhi)),
                new SvgChart.Series("candidate " + v.candidate().version() + ": " + v.candidate().describe(), "#d62728",
                        "6 3", scaled(cand, xlo, xhi, ylo, yhi)));
        chart.rule(frac(limit, ylo, yhi), "#666", "objective p95 " + ms(limit));
        series.forEach(chart::series);
        return chart.xTitle("arrival rate (requests/s, log) against p95 latency (log)").legend(series).render();
    }

    private static List<double[]> points(List<CapacityStep> steps, Function<CapacityStep, Optional<SloCheck>> side) {
        List<double[]> points = new ArrayList<>();
        for (CapacityStep s : steps) {
            side.apply(s).filter(c -> Double.isFinite(c.p95Ms()) && c.p95Ms() > 0)
                    .ifPresent(c -> points.add(new double[] {s.ratePerSecond(), c.p95Ms()}));
        }
        return points;
    }

    /** Each measured step as a dot with its numbers: a line alone hides where the few steps are. */
    private static List<SvgChart.Point> scaled(List<double[]> points, double xlo, double xhi, double ylo, double yhi) {
        return points.stream().map(p -> new SvgChart.Point(frac(p[0], xlo, xhi), frac(p[1], ylo, yhi),
                String.format(Locale.ROOT, "%.0f/s: p95 %s", p[0], ms(p[1])))).toList();
    }

    private static double frac(double v, double lo, double hi) {
        return Math.log(v / lo) / Math.log(hi / lo);
    }

    private static List<double[]> concat(List<double[]> a, List<double[]> b) {
        List<double[]> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String ms(double v) {
        return v >= 1000 ? String.format(Locale.ROOT, "%.1f s", v / 1000) : v >= 100 ? String.format(Locale.ROOT, "%.0f ms", v) : v >= 1 ? String.format(Locale.ROOT, "%.1f ms", v)
                : String.format(Locale.ROOT, "%.2f ms", v);
    }
}
