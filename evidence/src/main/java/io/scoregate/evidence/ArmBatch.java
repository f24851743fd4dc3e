package io.scoregate.evidence;

import java.util.Arrays;

/**
 * What one version served between two looks: outcome counts and the latencies of its answered and timed-out
 * requests on the {@link LatencyBuckets} grid. Errors have no latency evidence.
 */
public record ArmBatch(long ok, long timeouts, long errors, long[] okBuckets, long[] timeoutBuckets) {

    public ArmBatch {
        if (ok < 0 || timeouts < 0 || errors < 0) {
            throw new IllegalArgumentException("counts must not be negative, but were ok " + ok + ", timeouts "
                    + timeouts + ", errors " + errors);
        }
        okBuckets = checked("okBuckets", okBuckets);
        timeoutBuckets = checked("timeoutBuckets", timeoutBuckets);
    }

    public static ArmBatch empty() {
        return new ArmBatch(0, 0, 0, new long[LatencyBuckets.COUNT], new long[LatencyBuckets.COUNT]);
    }

    public long requests() {
        return ok + timeouts + errors;
    }

    @Override
    public long[] okBuckets() {
        return okBuckets.clone();
    }

    @Override
    public long[] timeoutBuckets() {
        return timeoutBuckets.clone();
    }

    long okIn(int bucket) {
        return okBuckets[bucket];
    }

    long timeoutsIn(int bucket) {
        return timeoutBuckets[bucket];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArmBatch b && ok == b.ok && timeouts == b.timeouts && errors == b.errors
                && Arrays.equals(okBuckets, b.okBuckets) && Arrays.equals(timeoutBuckets, b.timeoutBuckets);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(ok + 3 * timeouts + 7 * errors) + Arrays.hashCode(okBuckets);
    }

    @Override
    public String toString() {
        return "ArmBatch[ok=" + ok + ", timeouts=" + timeouts + ", errors=" + errors + "]";
    }

    private static long[] checked(String name, long[] buckets) {
        if (buckets.length != LatencyBuckets.COUNT) {
            throw new IllegalArgumentException("`" + name + "` must have " + LatencyBuckets.COUNT + " buckets, but had "
                    + buckets.length);
        }
        for (long b : buckets) {
            if (b < 0) {
                throw new IllegalArgumentException("`" + name + "` must not hold negative counts");
            }
        }
        return buckets.clone();
    }
}
