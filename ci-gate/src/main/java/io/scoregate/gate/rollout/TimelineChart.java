package io.scoregate.gate.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An inline SVG of a rollout's timeline: the candidate's weight as a step line (right axis, 0-100%) and
 * the mean latency of both versions at every look (left axis, ms). No script, no external resource.
 */
final class TimelineChart {

    private static final int W = 900;
    private static final int H = 300;
    private static final int PAD = 50;

    private TimelineChart() {
    }

    static String svg(List<TimelineEntry> timeline) {
        if (timeline.isEmpty()) {
            return "<p>No timeline.</p>";
        }
        Instant t0 = timeline.get(0).at();
        double span = Math.max(1, Duration.between(t0, timeline.get(timeline.size() - 1).at()).toMillis());
        double maxMs = 1;
        for (TimelineEntry e : timeline) {
            maxMs = Math.max(maxMs, e.stable().map(TimelineEntry.ArmNumbers::meanMs).filter(Double::isFinite).orElse(0.0));
            maxMs = Math.max(maxMs, e.candidate().map(TimelineEntry.ArmNumbers::meanMs).filter(Double::isFinite).orElse(0.0));
        }
        var sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" role=\"img\" aria-label=\"candidate weight and mean latency over time\">");
        sb.append("<rect x=\"").append(PAD).append("\" y=\"10\" width=\"").append(W - 2 * PAD).append("\" height=\"")
                .append(H - PAD - 10).append("\" fill=\"none\" stroke=\"#999\"/>");
        StringBuilder weight = new StringBuilder();
        StringBuilder stable = new StringBuilder();
        StringBuilder candidate = new StringBuilder();
        int lastWeight = -1;
        for (TimelineEntry e : timeline) {
            double x = PAD + (W - 2 * PAD) * Duration.between(t0, e.at()).toMillis() / span;
            if (e.candidateWeight() >= 0) {
                double y = y(e.candidateWeight() / 100.0);
                if (lastWeight >= 0) {
                    weight.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(lastWeight / 100.0)));
                }
                weight.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                lastWeight = e.candidateWeight();
            }
            final double maxLatency = maxMs;
            e.stable().filter(a -> Double.isFinite(a.meanMs())).ifPresent(a ->
                    stable.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(a.meanMs() / maxLatency))));
            e.candidate().filter(a -> Double.isFinite(a.meanMs())).ifPresent(a ->
                    candidate.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(a.meanMs() / maxLatency))));
        }
        line(sb, weight, "#888", "6,3");
        line(sb, stable, "#1f77b4", "");
        line(sb, candidate, "#d62728", "");
        sb.append(String.format(Locale.ROOT, "<text x=\"5\" y=\"20\" font-size=\"11\">%.0f ms</text>", maxMs));
        sb.append("<text x=\"5\" y=\"").append(H - PAD).append("\" font-size=\"11\">0 ms</text>");
        sb.append("<text x=\"").append(W - PAD + 5).append("\" y=\"20\" font-size=\"11\">100%</text>");
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%.0f s</text>", W - PAD - 20,
                H - PAD + 15, span / 1000));
        sb.append("<text x=\"").append(PAD).append("\" y=\"").append(H - 10).append("\" font-size=\"12\">"
                + "<tspan fill=\"#888\">- - candidate weight</tspan>  <tspan fill=\"#1f77b4\">stable mean</tspan>  "
                + "<tspan fill=\"#d62728\">candidate mean</tspan></text>");
        return sb.append("</svg>").toString();
    }

    private static double y(double fraction) {
        return 10 + (H - PAD - 10) * (1 - Math.min(1, Math.max(0, fraction)));
    }

    private static void line(StringBuilder sb, StringBuilder points, String colour, String dash) {
        if (points.isEmpty()) {
            return;
        }
        sb.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append('"')
                .append(dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"").append(" points=\"")
                .append(points.toString().trim()).append("\"/>");
    }
}
