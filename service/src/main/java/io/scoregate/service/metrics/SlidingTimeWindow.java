package io.scoregate.service.metrics;

import io.scoregate.contract.Outcome;
import java.time.Clock;
import java.time.Duration;

/**
 * One version's recent traffic as a ring of time buckets (resolution r, length L, so L/r buckets). Each
 * bucket holds counts per outcome, a latency sum and a {@link LatencyHistogram}. A bucket is reused when
 * its epoch (time / r) comes round again: stale contents are cleared lazily on the next write or skipped
 * on read, so nothing runs in the background.
 * <p>
 * Beside the ring, {@link RunningTotals} count everything since the window was created (for the guard's
 * evidence), under the same lock and with no allocation.
 * <p>
 * Cost: record is O(1) under this window's lock; a query for window w merges w/r buckets of 168 longs
 * (300 buckets at the defaults: about 50k additions). Memory: L/r * 1.4 KB (about 420 KB at 5 min / 1 s).
 * A query covers whole buckets, so "the last 60 s" means the current bucket and the 59 before it.
 */
final class SlidingTimeWindow {

    private final Clock clock;
    private final long resolutionMillis;
    private final Bucket[] ring;
    private final RunningTotals totals = new RunningTotals();

    SlidingTimeWindow(Clock clock, Duration length, Duration resolution) {
        this.clock = clock;
        this.resolutionMillis = resolution.toMillis();
        int size = (int) Math.max(1, length.toMillis() / resolutionMillis);
        this.ring = new Bucket[size];
        for (int i = 0; i < size; i++) {
            ring[i] = new Bucket();
        }
    }

    synchronized void record(Outcome outcome, double latencyMillis) {
        if (outcome == Outcome.REJECTED) {
            return; // client mistakes say nothing about the version
        }
        int bucket = LatencyHistogram.bucketOf(latencyMillis * 1000.0);
        totals.record(outcome, bucket);
        long epoch = clock.millis() / resolutionMillis;
        Bucket b = ring[(int) (epoch % ring.length)];
        if (b.epoch != epoch) {
            b.reset(epoch);
        }
        switch (outcome) {
            case OK -> b.ok++;
            case TIMEOUT -> b.timeouts++;
            case ERROR -> b.errors++;
            case REJECTED -> throw new IllegalStateException("rejected requests are returned from above");
        }
        b.latencySumMillis += latencyMillis;
        b.latency.counts[bucket]++;
    }

    /** The version's running totals since this window was created (never reset by the ring). */
    synchronized VersionTotals totals() {
        return totals.snapshot();
    }

    synchronized VersionWindow snapshot(String version, Duration window) {
        long now = clock.millis() / resolutionMillis;
        long span = Math.min(ring.length, Math.max(1, window.toMillis() / resolutionMillis));
        long ok = 0;
        long timeouts = 0;
        long errors = 0;
        double sum = 0;
        long[] merged = new long[LatencyHistogram.BUCKETS];
        for (Bucket b : ring) {
            if (b.epoch > now - span && b.epoch <= now) {
                ok += b.ok;
                timeouts += b.timeouts;
                errors += b.errors;
                sum += b.latencySumMillis;
                for (int i = 0; i < merged.length; i++) {
                    merged[i] += b.latency.counts[i];
                }
            }
        }
        long requests = ok + timeouts + errors;
        return new VersionWindow(version, window, requests, ok, timeouts, errors,
                requests == 0 ? 0.0 : sum / requests, LatencyHistogram.quantileMillis(merged, requests, 0.95));
    }

    private static final class Bucket {
        long epoch = Long.MIN_VALUE;
        long ok;
        long timeouts;
        long errors;
        double latencySumMillis;
        final LatencyHistogram latency = new LatencyHistogram();

        void reset(long newEpoch) {
            epoch = newEpoch;
            ok = 0;
            timeouts = 0;
            errors = 0;
            latencySumMillis = 0;
            latency.clear();
        }
    }
}
