package io.scoregate.gate.judge;

import io.scoregate.gate.stats.CensoredSample;

/**
 * One arm's evidence: outcome counts and its latencies (completed requests observed, timeouts censored).
 * REJECTED requests (the client's mistake) are counted but are no evidence about the model; ERROR
 * requests count towards the error rate but their latency is not the model's, so they stay out of the
 * latency sample.
 */
public record Arm(String version, long ok, long timeouts, long errors, long rejected, CensoredSample latencies) {

    /** Requests that are evidence: OK + TIMEOUT + ERROR. */
    public long requests() {
        return ok + timeouts + errors;
    }

    /** Everything this arm was sent, REJECTED included (what the split check counts). */
    public long sent() {
        return requests() + rejected;
    }

    public double timeoutRate() {
        return requests() == 0 ? Double.NaN : timeouts / (double) requests();
    }

    public double errorRate() {
        return requests() == 0 ? Double.NaN : errors / (double) requests();
    }
}
