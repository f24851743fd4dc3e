package io.scoregate.service.metrics;

import io.scoregate.evidence.LatencyBuckets;

/**
 * A latency histogram on the {@link LatencyBuckets} grid (buckets 10% apart from 0.1 ms, so a quantile read
 * from it is within 10% of the true value): the same grid the guard's evidence is counted on, from one
 * source. Not thread-safe: the owning window synchronizes.
 */
final class LatencyHistogram {

    static final int BUCKETS = LatencyBuckets.COUNT;

    final long[] counts = new long[BUCKETS];

    static int bucketOf(double micros) {
        return LatencyBuckets.ofMicros(micros);
    }

    /** The upper edge of a bucket in milliseconds; what a quantile in that bucket is reported as. */
    static double upperMillis(int bucket) {
        return LatencyBuckets.upperMillis(bucket);
    }

    void clear() {
        java.util.Arrays.fill(counts, 0);
    }

    /** The q-quantile (0..1] of counts summed over several histograms; 0 when they are empty. */
    static double quantileMillis(long[] merged, long total, double q) {
        if (total == 0) {
            return 0.0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < merged.length; i++) {
            seen += merged[i];
            if (seen >= rank) {
                return upperMillis(i);
            }
        }
        return upperMillis(merged.length - 1);
    }
}
