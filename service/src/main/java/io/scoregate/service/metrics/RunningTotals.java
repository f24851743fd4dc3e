package io.scoregate.service.metrics;

import io.scoregate.contract.Outcome;
import io.scoregate.evidence.ArmBatch;
import io.scoregate.evidence.LatencyBuckets;

/**
 * Monotonic counters behind {@link VersionTotals}: one increment and, for OK and TIMEOUT, one bucket
 * increment per request, with no allocation. Not thread-safe: the owning {@link SlidingTimeWindow}'s lock
 * guards it, so a request costs no second lock.
 */
final class RunningTotals {

    private long ok;
    private long timeouts;
    private long errors;
    private final long[] okBuckets = new long[LatencyBuckets.COUNT];
    private final long[] timeoutBuckets = new long[LatencyBuckets.COUNT];

    void record(Outcome outcome, int bucket) {
        switch (outcome) {
            case OK -> {
                ok++;
                okBuckets[bucket]++;
            }
            case TIMEOUT -> {
                timeouts++;
                timeoutBuckets[bucket]++;
            }
            case ERROR -> errors++; // an error's latency is not the model's: no latency evidence
            case REJECTED -> {
                // client mistakes say nothing about the version
            }
        }
    }

    VersionTotals snapshot() {
        return new VersionTotals(new ArmBatch(ok, timeouts, errors, okBuckets, timeoutBuckets));
    }
}
