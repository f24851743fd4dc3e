package io.scoregate.evidence;

/**
 * The fewest events in {@code n} trials at which an {@link MixtureRateTest.Side#ABOVE} test reaches its
 * threshold, for every {@code n} met so far: turns a look after every request into an integer comparison.
 *
 * <p>Built incrementally from two facts of the mixture: one more non-event lowers every likelihood ratio
 * (so the critical count never falls as {@code n} grows) and one more event raises every ratio above the
 * value it had one trial earlier (so it rises by at most one per trial). Memory: one int per trial seen.
 */
public final class CriticalCounts {

    private final MixtureRateTest test;
    private final double logThreshold;
    private int[] critical = new int[64];
    private int known; // critical[0..known) are computed

    public CriticalCounts(MixtureRateTest test, double logThreshold) {
        if (test.side() != MixtureRateTest.Side.ABOVE) {
            throw new IllegalArgumentException("critical counts are defined for tests of a rate above its limit");
        }
        this.test = test;
        this.logThreshold = logThreshold;
        critical[0] = logThreshold <= 0 ? 0 : 1; // with no trial the e-value is 1
        known = 1;
    }

    /** The fewest events in {@code trials} that reach the threshold ({@code trials + 1} when none does). */
    public long at(long trials) {
        if (trials >= Integer.MAX_VALUE - 1) {
            return scan(trials);
        }
        int n = (int) trials;
        while (known <= n) {
            if (known == critical.length) {
                critical = java.util.Arrays.copyOf(critical, critical.length * 2);
            }
            int c = critical[known - 1];
            critical[known] = c <= known && test.logE(known, c) >= logThreshold ? c : c + 1;
            known++;
        }
        return critical[n];
    }

    /** Whether {@code events} in {@code trials} reach the threshold. */
    public boolean reached(long trials, long events) {
        return events >= at(trials);
    }

    private long scan(long trials) {
        long lo = 0;
        long hi = trials + 1;
        while (lo < hi) { // the e-value rises with the events, so the first crossing is found by bisection
            long mid = (lo + hi) >>> 1;
            if (test.logE(trials, mid) >= logThreshold) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
