package io.scoregate.gate.report;

import static io.scoregate.gate.report.Format.escape;

import java.util.List;
import java.util.Locale;

/**
 * The one frame every inline SVG chart of the gate's reports is drawn in (compare's latency distribution and
 * capacity curves, rollout's timeline, analyze's latency over time): the outer box, a plot area inside margins,
 * grid lines and tick labels, series as polylines, dashed markers, and a legend. Callers place everything by its
 * fraction of the plot area (0..1 on each axis; values outside are clamped to the edge), so each chart only
 * decides its own scales. Every label is escaped here. No script, no external resource: reports are opened from
 * CI artifacts, often offline.
 */
public final class SvgChart {

    /** Outer size and the margins around the plot area, in pixels. */
    public record Frame(int width, int height, int left, int right, int top, int bottom) {

        int plotWidth() {
            return width - left - right;
        }

        int plotHeight() {
            return height - top - bottom;
        }
    }

    /** A point of a series in plot fractions, with an optional tooltip (empty: no dot is drawn). */
    public record Point(double x, double y, String tooltip) {

        public static Point of(double x, double y) {
            return new Point(x, y, "");
        }
    }

    /** A named line: its colour, its SVG dash pattern (empty for solid) and its points in drawing order. */
    public record Series(String label, String colour, String dash, List<Point> points) {
    }

    private final Frame frame;
    private final StringBuilder svg = new StringBuilder();

    public SvgChart(Frame frame, String ariaLabel) {
        this.frame = frame;
        svg.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" "
                        + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n", frame.width(), frame.height(),
                frame.width(), frame.height(), escape(ariaLabel)));
        svg.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
                        + "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" stroke=\"#999\"/>%n",
                frame.width(), frame.height(), frame.left(), frame.top(), frame.plotWidth(), frame.plotHeight()));
    }

    /** What a chart with nothing to draw shows instead. */
    public static String empty(String message) {
        return "<p>" + escape(message) + "</p>";
    }

    /** The pixel x of a fraction of the plot's width. */
    public double x(double fraction) {
        return frame.left() + frame.plotWidth() * clamp(fraction);
    }

    /** The pixel y of a fraction of the plot's height, from the bottom. */
    public double y(double fraction) {
        return frame.top() + frame.plotHeight() * (1 - clamp(fraction));
    }

    /** A horizontal grid line at a height, labelled on the left axis. */
    public SvgChart yGrid(double fraction, String label) {
        double y = y(fraction);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                        + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>%n", frame.left(), y,
                frame.width() - frame.right(), y, frame.left() - 4, y + 4, escape(label)));
        return this;
    }

    /** A label on the right axis (a second scale, e.g. a weight in percent). */
    public SvgChart rightLabel(double fraction, String label) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\">%s</text>%n",
                frame.width() - frame.right() + 4, y(fraction) + 4, escape(label)));
        return this;
    }

    /** A tick label under the x axis; at either end it is aligned inwards, so it stays inside the picture. */
    public SvgChart xTick(double fraction, String label) {
        String anchor = fraction <= 0 ? "start" : fraction >= 1 ? "end" : "middle";
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"%s\">%s"
                + "</text>%n", x(fraction), frame.height() - frame.bottom() + 16, anchor, escape(label)));
        return this;
    }

    /** The x axis' title, centred under the tick labels. */
    public SvgChart xTitle(String title) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s"
                + "</text>%n", frame.left() + frame.plotWidth() / 2, frame.height() - frame.bottom() + 29, escape(title)));
        return this;
    }

    /**
     * A dashed vertical marker (an event: a change point, a step), with its label at the top; {@code row}
     * staggers the labels of neighbouring markers; {@code kind} is its CSS class (e.g. {@code incident}).
     */
    public SvgChart marker(double fraction, String label, int row, String kind) {
        double x = x(fraction);
        svg.append(String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" "
                        + "stroke=\"#444\" stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s</text>%n",
                escape(kind), x, x, frame.top(), frame.height() - frame.bottom(), x + 4, frame.top() + 12 + 13 * row,
                escape(label)));
        return this;
    }

    /** A series as a polyline, with a dot (and its tooltip) at every point that has one. */
    public SvgChart series(Series series) {
        if (series.points().isEmpty()) {
            return this;
        }
        StringBuilder points = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (Point p : series.points()) {
            double x = x(p.x());
            double y = y(p.y());
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            if (!p.tooltip().isEmpty()) {
                dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%s"
                        + "</title></circle>", x, y, escape(series.colour()), escape(p.tooltip())));
            }
        }
        svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(escape(series.colour())).append('"')
                .append(series.dash().isEmpty() ? "" : " stroke-dasharray=\"" + escape(series.dash()) + "\"")
                .append(" points=\"").append(points.toString().trim()).append("\"><title>").append(escape(series.label()))
                .append("</title></polyline>").append(dots).append('\n');
        return this;
    }

    /**
     * The legend: one swatch and label per series, one row each, stacked up from the bottom edge (the frame's
     * bottom margin holds the tick labels, the x title and 16 px a row).
     */
    public SvgChart legend(List<Series> series) {
        int x = frame.left();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            int y = frame.height() - 6 - 16 * (series.size() - 1 - i);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                            + "stroke-width=\"3\"%s/><text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>%n", x, y - 4, x + 18,
                    y - 4, escape(s.colour()), s.dash().isEmpty() ? "" : " stroke-dasharray=\"" + escape(s.dash()) + "\"",
                    x + 22, y, escape(s.label())));
        }
        return this;
    }

    /** A thin dashed horizontal line across the plot (an objective, a limit), labelled at its right end. */
    public SvgChart rule(double fraction, String colour, String label) {
        double y = y(fraction);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" "
                        + "stroke-dasharray=\"2 3\"/><text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" "
                        + "fill=\"%s\">%s</text>%n", frame.left(), y, frame.width() - frame.right(), y, escape(colour),
                frame.width() - frame.right() - 2, y - 4, escape(colour), escape(label)));
        return this;
    }

    public String render() {
        return svg + "</svg>\n";
    }

    private static double clamp(double fraction) {
        return Double.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
    }
}
