package io.scoregate.service.metrics;

import io.scoregate.evidence.ArmBatch;
import io.scoregate.evidence.LatencyBuckets;

/**
 * One version's traffic on this instance since it started, as a snapshot of monotonic counters: OK, timeout
 * and error counts, and the latencies of its OK and timed-out requests on the {@link LatencyBuckets} grid
 * (REJECTED requests are not counted). Two snapshots taken at different times differ by exactly what the
 * version served in between, which is what the guard feeds its evidence ({@link #since}).
 */
public record VersionTotals(ArmBatch cumulative) {

    public static VersionTotals none() {
        return new VersionTotals(ArmBatch.empty());
    }

    public long requests() {
        return cumulative.requests();
    }

    /** What the version served after {@code earlier} was taken and up to this snapshot. */
    public ArmBatch since(VersionTotals earlier) {
        ArmBatch now = cumulative;
        ArmBatch then = earlier.cumulative;
        if (now.ok() < then.ok() || now.timeouts() < then.timeouts() || now.errors() < then.errors()) {
            throw new IllegalArgumentException("totals only grow: " + then + " was taken after " + now);
        }
        return new ArmBatch(now.ok() - then.ok(), now.timeouts() - then.timeouts(), now.errors() - then.errors(),
                minus(now.okBuckets(), then.okBuckets()), minus(now.timeoutBuckets(), then.timeoutBuckets()));
    }

    private static long[] minus(long[] now, long[] then) {
        long[] out = new long[now.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = now[i] - then[i];
        }
        return out;
    }
}
