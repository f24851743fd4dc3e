package io.scoregate.gate.report;

import static io.scoregate.gate.report.Format.escape;

import io.scoregate.gate.judge.ArmSummary;
import java.util.List;
import java.util.Locale;

/**
 * An inline SVG of both arms' latency distribution functions (percentile 0..100 against latency), so a
 * reader sees at once whether the whole curve moved or only the tail. The x axis stops at the larger
 * p99 (times 1.1) so one outlier does not flatten the picture.
 */
final class LatencyChart {

    private static final int W = 640;
    private static final int H = 300;
    private static final int L = 50;
    private static final int R = 20;
    private static final int T = 20;
    private static final int B = 40;

    private LatencyChart() {
    }

    static String svg(ArmSummary baseline, ArmSummary candidate) {
        if (baseline.percentiles().isEmpty() && candidate.percentiles().isEmpty()) {
            return "<p>No latencies to chart.</p>";
        }
        double xmax = Math.max(finiteOr(baseline.p99Ms()), finiteOr(candidate.p99Ms())) * 1.1;
        if (!(xmax > 0)) {
            xmax = 1;
        }
        StringBuilder s = new StringBuilder();
        s.append("<svg width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" role=\"img\" aria-label=\"Latency distribution of both versions\">");
        s.append("<rect x=\"0\" y=\"0\" width=\"").append(W).append("\" height=\"").append(H).append("\" fill=\"#fff\"/>");
        // axes and grid
        for (int i = 0; i <= 4; i++) {
            double y = T + (H - T - B) * (1 - i / 4.0);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", L, y, W - R, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%d%%</text>",
                    L - 4, y + 4, i * 25));
            double x = L + (W - L - R) * i / 4.0;
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%.0f ms</text>",
                    x, H - B + 16, xmax * i / 4.0));
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", L, H - B, W - R, H - B));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", L, T, L, H - B));
        line(s, baseline.percentiles(), xmax, "#1f77b4", "4 0");
        line(s, candidate.percentiles(), xmax, "#d62728", "6 3");
        s.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#1f77b4\">baseline %s</text>", L + 10, T + 14,
                escape(baseline.version())));
        s.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#d62728\">candidate %s</text>", L + 10, T + 30,
                escape(candidate.version())));
        s.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">latency (share of requests at or below)</text>",
                (L + W - R) / 2, H - 6));
        s.append("</svg>");
        return s.toString();
    }

    private static void line(StringBuilder s, List<Double> pct, double xmax, String colour, String dash) {
        if (pct.isEmpty()) {
            return;
        }
        s.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" stroke-dasharray=\"")
                .append(dash).append("\" points=\"");
        for (int i = 0; i < pct.size(); i++) {
            double x = L + (W - L - R) * Math.min(1, pct.get(i) / xmax);
            double y = T + (H - T - B) * (1 - i / (double) (pct.size() - 1));
            s.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        s.append("\"/>");
    }

    private static double finiteOr(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
