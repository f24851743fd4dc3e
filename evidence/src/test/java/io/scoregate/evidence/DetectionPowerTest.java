package io.scoregate.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DetectionPowerTest {

    private static final SequentialLimits LIMITS = new SequentialLimits(0.05, 0.05, 0.02, 1.5);
    /** The timeout rule's threshold: 1 / its third of alpha. */
    private static final double THRESHOLD = 3 / LIMITS.alpha();
    private static final int RUNS = 20_000;
    private static final int MAX_REQUESTS = 200;

    @Test
    void shouldRejectATrueRateNotAboveTheLimitOrAboveOne() {
        assertThatThrownBy(() -> DetectionPower.requestsToDetect(0.05, THRESHOLD, 0.05, 0.95, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`trueRate` must be above the limit 0.05 and at most 1, but was 0.05");
        assertThatThrownBy(() -> DetectionPower.requestsToDetect(0.05, THRESHOLD, 1.01, 0.95, 100))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCatchACandidateWhoseEveryRequestTimesOutAtTheFirstCriticalCount() {
        var critical = new CriticalCounts(MixtureRateTest.above(0.05), Math.log(THRESHOLD));
        long first = 1;
        while (critical.at(first) > first) {
            first++;
        }

        assertThat(DetectionPower.requestsToDetect(0.05, THRESHOLD, 1.0, 0.95, 100)).hasValue(first);
        assertThat(first).isEqualTo(2); // two timeouts in two requests
    }

    @Test
    void shouldSayWhenTheRequestsAllowedAreNotEnough() {
        assertThat(DetectionPower.requestsToDetect(0.05, THRESHOLD, 0.06, 0.95, 100)).isEmpty();
    }

    /** The exact first-passage count agrees with the monitor's own crossings, simulated request by request. */
    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.8, 0.2})
    void shouldAgreeWithTheMonitorsSimulatedNinetyFifthPercentileCrossing(double trueRate) {
        long exact = DetectionPower.requestsToDetect(LIMITS.timeoutRate(), THRESHOLD, trueRate, 0.95, MAX_REQUESTS)
                .orElseThrow();
        int[] crossedAt = new int[MAX_REQUESTS + 2];
        var random = new SplittableRandom(Double.doubleToLongBits(trueRate));
        for (int run = 0; run < RUNS; run++) {
            crossedAt[timeoutRuleCrossing(random, trueRate)]++;
        }
        int simulated = 0;
        for (int n = 1, caught = 0; n <= MAX_REQUESTS; n++) {
            caught += crossedAt[n];
            if (caught >= 0.95 * RUNS) {
                simulated = n;
                break;
            }
        }

        System.out.printf("DETECT true timeout rate %.2f against 5%%: exact %d requests for 95%%, simulated %d "
                + "(%d runs)%n", trueRate, exact, simulated, RUNS);
        assertThat((long) simulated).isBetween(exact - 1, exact + 1);
    }

    /** The candidate request at which the timeout rule crossed, MAX_REQUESTS + 1 if it did not. */
    private static int timeoutRuleCrossing(SplittableRandom random, double trueRate) {
        var monitor = new SequentialMonitor(LIMITS);
        for (int i = 0; i < 400; i++) {
            monitor.recordBaseline(Outcome.OK, 20 * Math.exp(0.3 * random.nextGaussian()));
        }
        monitor.look();
        for (int n = 1; n <= MAX_REQUESTS; n++) {
            boolean timeout = random.nextDouble() < trueRate;
            monitor.recordCandidate(timeout ? Outcome.TIMEOUT : Outcome.OK,
                    timeout ? 500 : 20 * Math.exp(0.3 * random.nextGaussian()), true);
            monitor.look();
            if (monitor.evidence().get(SequentialRule.TIMEOUT_RATE.ordinal()).crossed()) {
                return n;
            }
        }
        return MAX_REQUESTS + 1;
    }
}
