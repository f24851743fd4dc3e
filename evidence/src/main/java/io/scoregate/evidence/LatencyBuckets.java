package io.scoregate.evidence;

/**
 * The latency grid every piece of evidence is counted on: bucket 0 holds latencies under 0.1 ms, bucket
 * {@code i >= 1} holds {@code [0.1 ms x 1.1^(i-1), 0.1 ms x 1.1^i)}, the last one everything from about 12 min up.
 * Buckets 10% apart are far finer than the 1.5x and 2x limits they test, and "at least the lower edge of
 * bucket k" is an exact statement about every latency counted in buckets k and up.
 */
public final class LatencyBuckets {

    public static final double BASE = 1.1;
    public static final int COUNT = 168;
    private static final double MIN_MICROS = 100;
    private static final double LOG_BASE = Math.log(BASE);

    private LatencyBuckets() {
    }

    /** The bucket of a latency in microseconds (non-finite or negative values land in bucket 0 or the last). */
    public static int ofMicros(double micros) {
        if (!(micros >= MIN_MICROS)) {
            return 0;
        }
        // capped as a double: the int cast of +Infinity is Integer.MAX_VALUE, and 1 + that wraps negative
        return (int) Math.min(1 + Math.floor(Math.log(micros / MIN_MICROS) / LOG_BASE), COUNT - 1);
    }

    public static int ofMillis(double millis) {
        return ofMicros(millis * 1000.0);
    }

    /** Every latency in bucket {@code i} or above is at least this many milliseconds (0 for bucket 0). */
    public static double lowerMillis(int bucket) {
        return bucket == 0 ? 0.0 : MIN_MICROS * Math.pow(BASE, bucket - 1) / 1000.0;
    }

    /** Every latency in bucket {@code i} is below this many milliseconds (the last bucket: its lower edge x 1.1). */
    public static double upperMillis(int bucket) {
        return MIN_MICROS * Math.pow(BASE, bucket) / 1000.0;
    }

    /** The first bucket whose every latency is at least {@code millis}; {@link #COUNT} when none is. */
    public static int firstAtLeast(double millis) {
        for (int k = 0; k < COUNT; k++) {
            if (lowerMillis(k) >= millis) {
                return k;
            }
        }
        return COUNT;
    }
}
