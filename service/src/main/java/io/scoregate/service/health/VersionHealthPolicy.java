package io.scoregate.service.health;

import io.scoregate.service.config.VersionHealthConfig;
import io.scoregate.service.metrics.VersionWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges one version: DOWN when it did not load, or when its recent window (with at least min-requests
 * requests) has a p95, timeout rate or error rate above the configured limits. Pure: the limits come in,
 * a verdict goes out.
 */
public record VersionHealthPolicy(long minRequests, double maxP95Ms, double maxTimeoutRate, double maxErrorRate) {

    public static VersionHealthPolicy from(VersionHealthConfig c) {
        return new VersionHealthPolicy(c.minRequests(), c.maxP95().toNanos() / 1e6, c.maxTimeoutRate(),
                c.maxErrorRate());
    }

    public VersionVerdict judge(boolean loaded, String loadFailure, VersionWindow w) {
        List<String> reasons = new ArrayList<>();
        if (!loaded) {
            reasons.add("not loaded: " + loadFailure);
        }
        if (w.requests() >= minRequests) {
            if (w.p95LatencyMs() > maxP95Ms) {
                reasons.add(String.format("p95 %.1f ms is above the limit of %.1f ms", w.p95LatencyMs(), maxP95Ms));
            }
            if (w.timeoutRate() > maxTimeoutRate) {
                reasons.add(String.format("timeout rate %.3f is above the limit of %.3f", w.timeoutRate(),
                        maxTimeoutRate));
            }
            if (w.errorRate() > maxErrorRate) {
                reasons.add(String.format("error rate %.3f is above the limit of %.3f", w.errorRate(), maxErrorRate));
            }
        }
        return new VersionVerdict(reasons.isEmpty(), reasons);
    }
}
