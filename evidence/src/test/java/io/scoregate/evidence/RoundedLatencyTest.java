package io.scoregate.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The simulations' traffic source draws what it says it draws. */
class RoundedLatencyTest {

    private static final int DRAWS = 1_000_000;

    @Test
    void shouldDrawParetoLatenciesWithTheirRatesAndQuantiles() {
        var traffic = RoundedLatency.pareto(10, 2.5, 500, 0.005, 0.002);
        var random = new SplittableRandom(1);
        int errors = 0;
        int timeouts = 0;
        int atMost13 = 0;
        int atLeast50 = 0;
        for (int i = 0; i < DRAWS; i++) {
            var r = traffic.draw(random);
            switch (r.outcome()) {
                case ERROR -> errors++;
                case TIMEOUT -> {
                    timeouts++;
                    assertThat(r.latencyMillis()).isEqualTo(500);
                }
                case OK -> {
                    assertThat(r.latencyMillis()).isBetween(10.0, 499.0).isEqualTo(Math.rint(r.latencyMillis()));
                    atMost13 += r.latencyMillis() <= 13 ? 1 : 0;
                    atLeast50 += r.latencyMillis() >= 50 ? 1 : 0;
                }
            }
        }
        double answered = 1 - 0.005 - 0.002;
        double sd = 4 * Math.sqrt(0.25 / DRAWS); // four standard errors at worst
        assertThat(errors / (double) DRAWS).isCloseTo(0.002, within(sd));
        // the Pareto's own draws at or beyond the deadline time out too: (499.5 / 10)^-2.5
        assertThat(timeouts / (double) DRAWS).isCloseTo(0.005 + answered * Math.pow(49.95, -2.5), within(sd));
        // rounded to 13 ms or less: true latency under 13.5 ms
        assertThat(atMost13 / (double) DRAWS).isCloseTo(answered * (1 - Math.pow(1.35, -2.5)), within(sd));
        assertThat(atLeast50 / (double) DRAWS).isCloseTo(answered * (Math.pow(4.95, -2.5) - Math.pow(49.95, -2.5)),
                within(sd));
    }

    @Test
    void shouldDrawLognormalLatenciesAroundTheirMedian() {
        var traffic = RoundedLatency.lognormal(20, 0.8, 500, 0.01, 0);
        var random = new SplittableRandom(2);
        int below20 = 0;
        int timeouts = 0;
        for (int i = 0; i < DRAWS; i++) {
            var r = traffic.draw(random);
            timeouts += r.outcome() == Outcome.TIMEOUT ? 1 : 0;
            below20 += r.outcome() == Outcome.OK && r.latencyMillis() < 20 ? 1 : 0;
        }
        double sd = 4 * Math.sqrt(0.25 / DRAWS);
        assertThat(timeouts / (double) DRAWS).isCloseTo(0.01 + 0.99 * RoundedLatency.upperNormalTail(Math.log(499.5 / 20) / 0.8),
                within(sd));
        // below 20 once rounded: true latency under 19.5 ms
        assertThat(below20 / (double) DRAWS).isCloseTo(0.99 * (1 - RoundedLatency.upperNormalTail(Math.log(19.5 / 20) / 0.8)),
                within(sd));
        assertThat(RoundedLatency.upperNormalTail(1.6448536269514722)).isCloseTo(0.05, within(1e-7));
    }
}
