package io.scoregate.service.metrics;

/**
 * A fixed log-scale latency histogram: bucket i holds values in [B^(i-1), B^i) microseconds with B = 1.1, so
 * a quantile read from it is within 10% of the true value. 0.1 ms .. ~10 min in 165 buckets (plus an
 * under- and an overflow bucket). Not thread-safe: the owning window synchronizes.
 */
final class LatencyHistogram {

    static final double BASE = 1.1;
    static final int BUCKETS = 168;
    private static final double LOG_BASE = Math.log(BASE);
    private static final double MIN_MICROS = 100;

    final long[] counts = new long[BUCKETS];

    static int bucketOf(double micros) {
        if (micros < MIN_MICROS) {
            return 0;
        }
        int i = 1 + (int) (Math.log(micros / MIN_MICROS) / LOG_BASE);
        return Math.min(i, BUCKETS - 1);
    }

    /** The upper edge of a bucket in milliseconds; what a quantile in that bucket is reported as. */
    static double upperMillis(int bucket) {
        return MIN_MICROS * Math.pow(BASE, bucket) / 1000.0;
    }

    void record(double micros) {
        counts[bucketOf(micros)]++;
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
