package io.scoregate.service.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.scoregate.contract.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {

    @Test
    void shouldLetOneMessageThroughPerIntervalAndCountTheRest() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        RateLimitedLog log = new RateLimitedLog(clock, Duration.ofSeconds(10));

        assertThat(log.admit("disk full")).hasValue("disk full"); // the first failure is always shown
        for (int i = 0; i < 499; i++) { // 10 s of batches failing every 20 ms
            clock.advance(Duration.ofMillis(20));
            assertThat(log.admit("disk full")).isEmpty();
        }
        assertThat(log.suppressed()).isEqualTo(499);
        clock.advance(Duration.ofMillis(20)); // 10.000 s after the first
        assertThat(log.admit("disk full")).hasValue("disk full (499 similar messages suppressed since the last one)");
        assertThat(log.suppressed()).isZero();
    }
}
