package io.scoregate.gate.analyze.report;

import io.scoregate.gate.analyze.ChartPoint;
import io.scoregate.gate.analyze.Incident;
import io.scoregate.gate.analyze.IncidentAnalysis;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An inline SVG of mean latency per time slot, one line for the top suspect's requests and one for the
 * rest, on a log scale (a 6x slowdown and a 20% one must both be visible), with the start of the
 * degradation marked. No script, no external resource.
 */
final class LatencyChartSvg {

    private static final int W = 820;
    private static final int H = 320;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 50;

    private LatencyChartSvg() {
    }

    static String render(IncidentAnalysis a, String insideLabel) {
        List<ChartPoint> pts = a.chart();
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" role=\"img\" aria-label=\"mean latency over time\">\n");
        if (pts.isEmpty()) {
            return b.append("<text x=\"20\" y=\"40\">no data</text></svg>\n").toString();
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
        double yLo = Math.pow(10, Math.floor(Math.log10(lo)));
        double yHi = Math.pow(10, Math.ceil(Math.log10(hi * 1.0001)));
        var sx = (java.util.function.LongToDoubleFunction) t -> LEFT + (W - LEFT - RIGHT) * (double) (t - t0) / (t1 - t0);
        var sy = (java.util.function.DoubleUnaryOperator) v -> TOP + (H - TOP - BOTTOM)
                * (1 - (Math.log10(v) - Math.log10(yLo)) / (Math.log10(yHi) - Math.log10(yLo)));
        b.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(W - LEFT - RIGHT)
                .append("\" height=\"").append(H - TOP - BOTTOM).append("\" fill=\"#fafafa\" stroke=\"#ccc\"/>\n");
        for (double g = yLo; g <= yHi * 1.0001; g *= 10) {
            double y = sy.applyAsDouble(g);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>%n", LEFT, W - RIGHT, y, y,
                    LEFT - 6, y + 4, Fmt.ms(g)));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>%n", LEFT, H - BOTTOM + 16,
                Fmt.time(Instant.ofEpochMilli(t0)), W - RIGHT, H - BOTTOM + 16, Fmt.time(Instant.ofEpochMilli(t1))));
        // one dashed line per incident, its label staggered so neighbouring starts stay readable
        boolean several = a.incidents().size() > 1;
        for (Incident i : a.shown()) {
            if (i.startedAt().isEmpty()) {
                continue;
            }
            Instant t = i.startedAt().get();
            double x = sx.applyAsDouble(t.toEpochMilli());
            String label = several ? i.number() + ". " + i.primary().map(s -> s.label()).orElse("no single cause")
                    + ", " + AnalysisNarrative.signals(i) + " " + Fmt.time(t) : "degradation starts " + Fmt.time(t);
            b.append(String.format(Locale.ROOT, "<line class=\"incident\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" "
                    + "stroke=\"#444\" stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s</text>%n",
                    x, x, TOP, H - BOTTOM, x + 4, TOP + 12 + 13 * ((i.number() - 1) % 4),
                    io.scoregate.gate.report.Format.escape(label)));
        }
        series(b, pts, true, "#c0392b", sx, sy);
        series(b, pts, false, "#2c6fbb", sx, sy);
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"#c0392b\"/>"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>%n", LEFT, H - 18, LEFT + 16, H - 13,
                io.scoregate.gate.report.Format.escape(insideLabel)));
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"#2c6fbb\"/>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"12\">all other requests</text>%n", LEFT + 360, H - 18, LEFT + 376, H - 13));
        return b.append("</svg>\n").toString();
    }

    private static void series(StringBuilder b, List<ChartPoint> pts, boolean inside, String color,
                               java.util.function.LongToDoubleFunction sx, java.util.function.DoubleUnaryOperator sy) {
        StringBuilder path = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (ChartPoint p : pts) {
            long n = inside ? p.insideRequests() : p.outsideRequests();
            double v = inside ? p.insideMeanMs() : p.outsideMeanMs();
            if (n == 0 || v <= 0) {
                continue;
            }
            double x = sx.applyAsDouble(p.slotStart().toEpochMilli());
            double y = sy.applyAsDouble(v);
            path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%s: %d "
                    + "requests, mean %s</title></circle>", x, y, color, Fmt.time(p.slotStart()), n, Fmt.ms(v)));
        }
        if (path.length() > 0) {
            b.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(color)
                    .append("\" stroke-width=\"1.5\"/>\n").append(dots).append('\n');
        }
    }
}
