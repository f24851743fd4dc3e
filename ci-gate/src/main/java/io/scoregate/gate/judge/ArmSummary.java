package io.scoregate.gate.judge;

import java.util.ArrayList;
import java.util.List;

/**
 * Descriptive numbers of one arm for the reports. Latency figures are NaN when the arm has no latencies;
 * {@code percentiles} holds the 0th..100th percentiles (101 values, empty without latencies) for charts.
 */
public record ArmSummary(String version, long sent, long ok, long timeouts, long errors, long rejected,
                         double meanMs, double p50Ms, double p95Ms, double p99Ms, double timeoutRate,
                         double errorRate, List<Double> percentiles) {

    public ArmSummary {
        percentiles = List.copyOf(percentiles);
    }

    public static ArmSummary of(Arm arm) {
        var s = arm.latencies();
        if (s.isEmpty()) {
            return new ArmSummary(arm.version(), arm.sent(), arm.ok(), arm.timeouts(), arm.errors(), arm.rejected(),
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, arm.timeoutRate(), arm.errorRate(), List.of());
        }
        List<Double> pct = new ArrayList<>(101);
        for (int i = 0; i <= 100; i++) {
            pct.add(s.quantile(i / 100.0));
        }
        return new ArmSummary(arm.version(), arm.sent(), arm.ok(), arm.timeouts(), arm.errors(), arm.rejected(),
                s.mean(), s.quantile(0.5), s.quantile(0.95), s.quantile(0.99), arm.timeoutRate(), arm.errorRate(), pct);
    }
}
