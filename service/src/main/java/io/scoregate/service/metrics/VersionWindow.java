package io.scoregate.service.metrics;

import java.time.Duration;

/**
 * One version's traffic on this instance over a recent sliding window. Latency figures cover every
 * request that got an answer or timed out (a timeout counts at its deadline); REJECTED requests
 * (client mistakes) are not in any of these numbers.
 */
public record VersionWindow(String version, Duration window, long requests, long ok, long timeouts, long errors,
                            double meanLatencyMs, double p95LatencyMs) {

    public double timeoutRate() {
        return requests == 0 ? 0.0 : (double) timeouts / requests;
    }

    public double errorRate() {
        return requests == 0 ? 0.0 : (double) errors / requests;
    }
}
