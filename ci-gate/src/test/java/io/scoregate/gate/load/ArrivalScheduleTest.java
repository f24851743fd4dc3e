package io.scoregate.gate.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

    @Test
    void shouldSendAtTheConstantRateWithoutWarmup() {
        var s = new ArrivalSchedule(200, Duration.ZERO);
        assertThat(s.warmupCount()).isZero();
        for (long i = 0; i < 1_000; i++) {
            assertThat(s.offsetNanos(i)).isEqualTo(i * 5_000_000L);
        }
    }

    @Test
    void shouldRampTheWarmupFromATenthOfTheRateToTheRate() {
        var s = new ArrivalSchedule(1_000, Duration.ofSeconds(2));
        // 2 s ramping from 100/s to 1000/s: 1100 requests
        assertThat(s.warmupCount()).isEqualTo(1_100);
        // the first gap is about 1/100 s, the last warm-up gaps about 1/1000 s
        assertThat(s.offsetNanos(1) - s.offsetNanos(0)).isCloseTo(10_000_000L, within(300_000L));
        assertThat(s.offsetNanos(1_099) - s.offsetNanos(1_098)).isCloseTo(1_000_000L, within(50_000L));
        long previous = -1;
        for (long i = 0; i < 3_000; i++) {
            assertThat(s.offsetNanos(i)).isGreaterThan(previous);
            previous = s.offsetNanos(i);
        }
        // measured requests start at the end of the warm-up, then 1 ms apart
        assertThat(s.offsetNanos(1_100)).isEqualTo(s.measuredStartNanos()).isEqualTo(2_000_000_000L);
        assertThat(s.offsetNanos(1_600)).isEqualTo(2_500_000_000L);
    }
}
