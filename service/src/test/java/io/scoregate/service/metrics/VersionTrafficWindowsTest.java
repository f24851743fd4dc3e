package io.scoregate.service.metrics;

import io.scoregate.service.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
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
}
