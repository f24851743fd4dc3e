package io.scoregate.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CriticalCountsTest {

    @Test
    void shouldRefuseATestOfARateBelowItsLimit() {
        assertThatThrownBy(() -> new CriticalCounts(MixtureRateTest.below(0.05), Math.log(20)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("critical counts are defined for tests of a rate above its limit");
    }

    @Test
    void shouldNeedNoEventBeforeTheFirstTrialOnlyWhenTheThresholdIsAtMostOne() {
        assertThat(new CriticalCounts(MixtureRateTest.above(0.05), 0.0).at(0)).isZero();
        assertThat(new CriticalCounts(MixtureRateTest.above(0.05), Math.log(20)).at(0)).isEqualTo(1);
    }

    @ParameterizedTest(name = "p0 {0}, threshold {1}")
    @CsvSource({
            "0.05, 1", "0.05, 20", "0.05, 60", "0.05, 120",
            "0.02, 60", "0.02, 1e6",
            "0.3, 60", "0.001, 60",
    })
    void shouldEqualABruteForceScanForEveryTrialCountUpTo3000(double p0, double threshold) {
        var test = MixtureRateTest.above(p0);
        double logThreshold = Math.log(threshold);
        var critical = new CriticalCounts(test, logThreshold);

        for (int n = 0; n <= 3000; n++) {
            assertThat(critical.at(n)).as("n = %d", n).isEqualTo(bruteForce(test, logThreshold, n));
        }
        // asked again, out of order, from the table
        assertThat(critical.at(17)).isEqualTo(bruteForce(test, logThreshold, 17));
        assertThat(critical.reached(100, critical.at(100))).isTrue();
        assertThat(critical.reached(100, critical.at(100) - 1)).isFalse();
    }

    @Test
    void shouldAnswerAFirstQuestionFarAheadOfTheTable() {
        var test = MixtureRateTest.above(0.05);
        var critical = new CriticalCounts(test, Math.log(60));

        assertThat(critical.at(2999)).isEqualTo(bruteForce(test, Math.log(60), 2999));
    }

    @ParameterizedTest(name = "n = {0}")
    @CsvSource({"2147483646", "2147483647", "3000000000", "1000000000000"})
    void shouldBisectBeyondTheIntRangeToTheFirstCrossingCount(long trials) {
        var test = MixtureRateTest.above(0.05);
        double logThreshold = Math.log(60);
        var critical = new CriticalCounts(test, logThreshold);

        long c = critical.at(trials);

        assertThat(test.logE(trials, c)).isGreaterThanOrEqualTo(logThreshold);
        assertThat(test.logE(trials, c - 1)).isLessThan(logThreshold);
        // the same facts the table is built on: one more trial raises the count by zero or one
        assertThat(critical.at(trials + 1) - c).isBetween(0L, 1L);
        // the nearest alternative is 1.25 x p0, so in the long run the count needs the rate at which its likelihood
        // ratio breaks even, 5.6% (a candidate at 5.5% against a 5% limit is never caught, however long it runs)
        double breakEven = Math.log(0.95 / 0.9375) / Math.log(1.25 * 0.95 / 0.9375);
        assertThat((double) c / trials).isGreaterThan(breakEven).isCloseTo(breakEven, within(1e-7));
    }

    @Test
    void shouldShareOneTablePerLimitAndThreshold() {
        assertThat(CriticalCounts.shared(0.05, Math.log(60))).isSameAs(CriticalCounts.shared(0.05, Math.log(60)));
        assertThat(CriticalCounts.shared(0.05, Math.log(60))).isNotSameAs(CriticalCounts.shared(0.05, Math.log(120)));
        assertThat(CriticalCounts.shared(0.05, Math.log(60))).isNotSameAs(CriticalCounts.shared(0.02, Math.log(60)));
    }

    /** Threads extending one table at once (monitors of several canaries) all read the brute-force counts. */
    @Test
    void shouldGiveEveryThreadTheSameCountsWhileTheTableGrows() throws Exception {
        var test = MixtureRateTest.above(0.03);
        double logThreshold = Math.log(77);
        var critical = new CriticalCounts(test, logThreshold);
        long[] expected = new long[3001];
        for (int n = 0; n <= 3000; n++) {
            expected[n] = bruteForce(test, logThreshold, n);
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int t = 0; t < 4; t++) {
                int stride = t + 1;
                results.add(pool.submit(() -> {
                    for (int n = 0; n <= 3000; n += stride) {
                        if (critical.at(n) != expected[n]) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (var r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static long bruteForce(MixtureRateTest test, double logThreshold, int n) {
        for (int x = 0; x <= n; x++) {
            if (test.logE(n, x) >= logThreshold) {
                return x;
            }
        }
        return n + 1L;
    }
}
