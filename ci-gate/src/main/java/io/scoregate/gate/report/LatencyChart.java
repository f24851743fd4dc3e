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
        List<String> yLabels = new ArrayList<>();
        List<String> xLabels = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            yLabels.add(i * 25 + "%");
            xLabels.add(String.format(Locale.ROOT, "%.0f ms", xmax * i / 4.0));
        }
        return new ChartFrame("Latency distribution of both versions", yLabels, xLabels,
                "latency (share of requests at or below)")
                .line(points(baseline.percentiles(), xmax), "#1f77b4", "4 0")
                .line(points(candidate.percentiles(), xmax), "#d62728", "6 3")
                .legend("baseline " + baseline.version(), "#1f77b4")
                .legend("candidate " + candidate.version(), "#d62728")
                .svg();
    }

    private static List<double[]> points(List<Double> pct, double xmax) {
        List<double[]> points = new ArrayList<>(pct.size());
        for (int i = 0; i < pct.size(); i++) {
            points.add(new double[] {pct.get(i) / xmax, i / (double) (pct.size() - 1)});
        }
        return points;
    }

    private static double finiteOr(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
