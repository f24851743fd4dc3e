package io.scoregate.service.metrics;

import io.scoregate.contract.Outcome;
import io.scoregate.contract.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scoregate.evidence.ArmBatch;
import io.scoregate.evidence.LatencyBuckets;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class VersionTrafficWindowsTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T18:06:00Z"));
    final VersionTrafficWindows windows = new VersionTrafficWindows(clock, Duration.ofMinutes(5), Duration.ofSeconds(1));

    @Test
    void shouldReportZerosForAVersionWithoutTraffic() {
        VersionWindow w = windows.recent("v1.3", Duration.ofSeconds(60));
        assertThat(w.requests()).isZero();
        assertThat(w.p95LatencyMs()).isZero();
        assertThat(w.timeoutRate()).isZero();
    }

    @Test
    void shouldCountOutcomesAndLeaveOutRejected() {
        windows.record("v1.3", Outcome.OK, 100);
        windows.record("v1.3", Outcome.TIMEOUT, 500);
        windows.record("v1.3", Outcome.ERROR, 10);
        windows.record("v1.3", Outcome.REJECTED, 1);
        windows.record("v1.2", Outcome.OK, 5);
        VersionWindow w = windows.recent("v1.3", Duration.ofSeconds(60));
        assertThat(w.requests()).isEqualTo(3);
        assertThat(w.ok()).isEqualTo(1);
        assertThat(w.timeouts()).isEqualTo(1);
        assertThat(w.errors()).isEqualTo(1);
        assertThat(w.meanLatencyMs()).isCloseTo(610 / 3.0, within(1e-9));
        assertThat(w.timeoutRate()).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void shouldGiveTheP95WithinTenPercent() {
        // 100 requests at 1..100 ms: the true p95 is 95 ms.
        for (int i = 1; i <= 100; i++) {
            windows.record("v1.2", Outcome.OK, i);
        }
        double p95 = windows.recent("v1.2", Duration.ofSeconds(10)).p95LatencyMs();
        assertThat(p95).isBetween(95.0, 95.0 * 1.1);
    }

    @Test
    void shouldForgetTrafficOlderThanTheWindow() {
        // 18:06:00 -> 10 slow requests (the incident)
        for (int i = 0; i < 10; i++) {
            windows.record("v1.3", Outcome.TIMEOUT, 500);
        }
        // 18:06:30 -> 10 fast requests after the fix
        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 10; i++) {
            windows.record("v1.3", Outcome.OK, 20);
        }
        // a 60 s window still sees both; a 10 s window only the fast ones
        assertThat(windows.recent("v1.3", Duration.ofSeconds(60)).requests()).isEqualTo(20);
        VersionWindow recent = windows.recent("v1.3", Duration.ofSeconds(10));
        assertThat(recent.requests()).isEqualTo(10);
        assertThat(recent.timeouts()).isZero();
        // 18:07:31 -> the slow ones are 91 s old, out of a 60 s window
        clock.advance(Duration.ofSeconds(61));
        assertThat(windows.recent("v1.3", Duration.ofSeconds(60)).requests()).isZero();
    }

    @Test
    void shouldNotCountARecycledBucketTwice() {
        windows.record("v1.2", Outcome.OK, 10);
        // exactly one ring length later the same bucket is reused; the old count must be gone
        clock.advance(Duration.ofMinutes(5));
        windows.record("v1.2", Outcome.OK, 10);
        assertThat(windows.recent("v1.2", Duration.ofMinutes(5)).requests()).isEqualTo(1);
    }

    @Test
    void shouldCapAWindowLongerThanTheConfiguredLength() {
        windows.record("v1.2", Outcome.OK, 10);
        clock.advance(Duration.ofMinutes(4));
        windows.record("v1.2", Outcome.OK, 10);
        assertThat(windows.recent("v1.2", Duration.ofHours(1)).requests()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAResolutionAboveTheLength() {
        assertThatThrownBy(() -> new VersionTrafficWindows(clock, Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`scoregate.metrics.window.resolution` must be positive and at most `length`");
    }

    @Test
    void shouldKeepRunningTotalsPastTheWindowAndLeaveOutRejected() {
        windows.record("v1.3", Outcome.OK, 20);
        windows.record("v1.3", Outcome.TIMEOUT, 500);
        windows.record("v1.3", Outcome.ERROR, 3);
        windows.record("v1.3", Outcome.REJECTED, 1);
        clock.advance(Duration.ofMinutes(30)); // long past the 5 min ring: the totals never forget
        windows.record("v1.3", Outcome.OK, 20);

        ArmBatch all = windows.totals("v1.3").since(VersionTotals.none());
        assertThat(all.ok()).isEqualTo(2);
        assertThat(all.timeouts()).isEqualTo(1);
        assertThat(all.errors()).isEqualTo(1);
        assertThat(all.okBuckets()[LatencyBuckets.ofMillis(20)]).isEqualTo(2);
        assertThat(all.timeoutBuckets()[LatencyBuckets.ofMillis(500)]).isEqualTo(1);
        assertThat(LongStream.of(all.okBuckets()).sum() + LongStream.of(all.timeoutBuckets()).sum()).isEqualTo(3);
        assertThat(windows.totals("v9.9")).isEqualTo(VersionTotals.none());
    }

    @Test
    void shouldGiveExactlyWhatWasServedBetweenTwoSnapshots() {
        windows.record("v1.2", Outcome.OK, 10);
        VersionTotals before = windows.totals("v1.2");
        windows.record("v1.2", Outcome.OK, 40);
        windows.record("v1.2", Outcome.TIMEOUT, 300);

        ArmBatch between = windows.totals("v1.2").since(before);
        assertThat(between.requests()).isEqualTo(2);
        assertThat(between.okBuckets()[LatencyBuckets.ofMillis(40)]).isEqualTo(1);
        assertThat(between.okBuckets()[LatencyBuckets.ofMillis(10)]).isZero();
        assertThatThrownBy(() -> before.since(windows.totals("v1.2"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCountEveryRequestRecordedConcurrently() throws Exception {
        int threads = 4;
        int perThread = 20_000;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            var done = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        windows.record("v1.3", i % 10 == 0 ? Outcome.TIMEOUT : Outcome.OK, 1 + i % 50);
                    }
                }));
            }
            for (var f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        ArmBatch all = windows.totals("v1.3").since(VersionTotals.none());
        assertThat(all.requests()).isEqualTo((long) threads * perThread);
        assertThat(all.timeouts()).isEqualTo((long) threads * perThread / 10);
        assertThat(LongStream.of(all.okBuckets()).sum()).isEqualTo(all.ok());
    }
}
