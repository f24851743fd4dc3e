package io.scoregate.gate.report;

import static io.scoregate.gate.report.Format.escape;

import java.util.List;
import java.util.Locale;

/**
 * The frame every chart of the gate's report is drawn in: a white 640 x 300 inline SVG, five grid lines with their
 * labels on each axis, the two axes, an axis title, and series drawn in fractions of the plot area (0..1 each way,
 * y upwards), so each chart only says where its numbers fall. Lines, legend entries and marks are added in drawing
 * order; {@link #svg()} closes it. Text is escaped here.
 */
final class ChartFrame {

    private static final int W = 640;
    private static final int H = 300;
    private static final int L = 50;
    private static final int R = 20;
    private static final int T = 20;
    private static final int B = 40;

    private final StringBuilder s = new StringBuilder();
    private int legendRows;

    /**
     * @param yLabels the labels of the five horizontal grid lines, bottom to top
     * @param xLabels the labels under five evenly spaced points of the x axis, left to right
     */
    ChartFrame(String ariaLabel, List<String> yLabels, List<String> xLabels, String xTitle) {
        if (yLabels.size() != 5 || xLabels.size() != 5) {
            throw new IllegalArgumentException("a chart frame has five labels on each axis, but got "
                    + yLabels.size() + " and " + xLabels.size());
        }
        s.append("<svg width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" role=\"img\" aria-label=\"").append(escape(ariaLabel)).append("\">");
        s.append("<rect x=\"0\" y=\"0\" width=\"").append(W).append("\" height=\"").append(H).append("\" fill=\"#fff\"/>");
        for (int i = 0; i <= 4; i++) {
            double y = y(i / 4.0);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", L, y, W - R, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>",
                    L - 4, y + 4, escape(yLabels.get(i))));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
                    x(i / 4.0), H - B + 16, escape(xLabels.get(i))));
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", L, H - B, W - R, H - B));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", L, T, L, H - B));
        s.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>", (L + W - R) / 2, H - 6,
                escape(xTitle)));
    }

    /** A polyline through {@code points} ({x, y} fractions, clamped to the plot area). */
    ChartFrame line(List<double[]> points, String colour, String dash) {
        if (points.isEmpty()) {
            return this;
        }
        s.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" stroke-dasharray=\"")
                .append(dash).append("\" points=\"");
        for (double[] p : points) {
            s.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(clamp(p[0])), y(clamp(p[1]))));
        }
        s.append("\"/>");
        return this;
    }

    /** A small circle at each point, for series measured at a few points (a line alone hides where they are). */
    ChartFrame dots(List<double[]> points, String colour) {
        for (double[] p : points) {
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x(clamp(p[0])),
                    y(clamp(p[1])), colour));
        }
        return this;
    }

    /** A thin dashed horizontal line across the plot at height {@code fy}, labelled at its right end. */
    ChartFrame rule(double fy, String colour, String label) {
        double y = y(clamp(fy));
        s.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"2 3\"/>", L, y, W - R,
                y, colour));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"%s\">%s</text>",
                W - R - 2, y - 4, colour, escape(label)));
        return this;
    }

    /** The next legend entry, top left, in the series' colour. */
    ChartFrame legend(String text, String colour) {
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"%s\">%s</text>", L + 10,
                T + 14 + 16 * legendRows++, colour, escape(text)));
        return this;
    }

    String svg() {
        return s + "</svg>";
    }

    private static double x(double fx) {
        return L + (W - L - R) * fx;
    }

    private static double y(double fy) {
        return T + (H - T - B) * (1 - fy);
    }

    private static double clamp(double f) {
        return Math.max(0, Math.min(1, f));
    }
}
