package io.scoregate.gate.rollout;

import java.time.Duration;

/**
 * The start of each step whose candidate latencies are not evidence (Kayenta's {@code beginCanaryAnalysisAfterMins}):
 * right after a shift the candidate's code paths on every instance are cold, and its first requests can be
 * several times slower than it will ever be again. It ends when both have passed: {@code time} since the step
 * began and {@code requests} candidate requests (summed over instances). Timeouts and errors count from the first
 * request: a cold JIT turns 20 ms into 100 ms, not into a 500 ms timeout.
 */
public record Warmup(Duration time, long requests) {

    /** 30 s and 20 requests: enough for a cold JVM's first compilations of the candidate's scoring loops. */
    public static final Warmup DEFAULT = new Warmup(Duration.ofSeconds(30), 20);

    public static final Warmup NONE = new Warmup(Duration.ZERO, 0);

    public Warmup {
        if (time.isNegative()) {
            throw new IllegalArgumentException("`--warmup` must not be negative, but was " + time);
        }
        if (requests < 0 || requests > 1_000_000) {
            throw new IllegalArgumentException("`--warmup-requests` must be between 0 and 1000000, but was " + requests);
        }
    }

    boolean over(Duration elapsed, long candidateRequests) {
        return elapsed.compareTo(time) >= 0 && candidateRequests >= requests;
    }
}
