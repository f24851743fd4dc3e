package io.scoregate.evidence;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The fewest events in {@code n} trials at which an {@link MixtureRateTest.Side#ABOVE} test reaches its
 * threshold, for every {@code n} met so far: turns a look after every request into an integer comparison.
 *
 * <p>Built incrementally from two facts of the mixture: one more non-event lowers every likelihood ratio
 * (so the critical count never falls as {@code n} grows) and one more event raises every ratio above the
 * value it had one trial earlier (so it rises by at most one per trial). Memory: one int per trial seen.
 *
 * <p>Building the table costs one e-value per trial, far more than the looks it serves, and it depends only on
 * the limit and the threshold: {@link #shared} hands every monitor with the same limits one table, so a new
 * monitor (a new canary phase, a judge re-reading a growing log) does not rebuild it. Safe for concurrent use:
 * the computed prefix never changes and is published whole; extending it takes a lock.
 */
public final class CriticalCounts {

    private static final ConcurrentMap<Key, CriticalCounts> SHARED = new ConcurrentHashMap<>();

    private record Key(double p0, double logThreshold) {
    }

    /** critical[0..known) are computed and never change; entries at and above known are written under the lock. */
    private record Table(int[] critical, int known) {
    }

    private final MixtureRateTest test;
    private final double logThreshold;
    private volatile Table table;

    public CriticalCounts(MixtureRateTest test, double logThreshold) {
        if (test.side() != MixtureRateTest.Side.ABOVE) {
            throw new IllegalArgumentException("critical counts are defined for tests of a rate above its limit");
        }
        this.test = test;
        this.logThreshold = logThreshold;
        int[] critical = new int[64];
        critical[0] = logThreshold <= 0 ? 0 : 1; // with no trial the e-value is 1
        this.table = new Table(critical, 1);
    }

    /**
     * The table for an {@link MixtureRateTest.Side#ABOVE} test of {@code p0} at {@code logThreshold}, shared by every
     * caller for the life of the JVM (one int per trial ever asked about: 4 MB per million, at most 16 MB).
     */
    public static CriticalCounts shared(double p0, double logThreshold) {
        return SHARED.computeIfAbsent(new Key(p0, logThreshold),
                k -> new CriticalCounts(MixtureRateTest.above(k.p0()), k.logThreshold()));
    }

    /** The table stops growing here (16 MB): a canary that runs on for billions of requests bisects instead. */
    static final int TABLE_LIMIT = 1 << 22;
    /** A look this far past the table bisects rather than building every count in between. */
    private static final int LONGEST_STRIDE = 1 << 16;

    /** The fewest events in {@code trials} that reach the threshold ({@code trials + 1} when none does). */
    public long at(long trials) {
        Table t = table;
        if (trials < t.known()) {
            return t.critical()[(int) trials];
        }
        if (trials >= TABLE_LIMIT || trials - t.known() > LONGEST_STRIDE) {
            return scan(trials);
        }
        return extend((int) trials);
    }

    /** Whether {@code events} in {@code trials} reach the threshold. */
    public boolean reached(long trials, long events) {
        return events >= at(trials);
    }

    private synchronized int extend(int n) {
        Table t = table;
        int[] critical = t.critical();
        int known = t.known();
        if (n >= critical.length) {
            critical = Arrays.copyOf(critical, Math.max(n + 1, critical.length * 2));
        }
        while (known <= n) {
            int c = critical[known - 1];
            critical[known] = c <= known && test.logE(known, c) >= logThreshold ? c : c + 1;
            known++;
        }
        table = new Table(critical, known);
        return critical[n];
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
