package io.scoregate.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The mixture e-values tie out against SciPy: each expected value comes from the command beside it, which
 * rebuilds the alternatives from the documented rule and sums {@code scipy.stats.binom.logpmf} ratios with
 * {@code scipy.special.logsumexp} (SciPy 1.17.1; the script is {@code src/test/python/mixture_log_e.py}).
 */
class MixtureRateTestTest {

    private static final double RELATIVE = 1e-9;

    @Test
    void shouldHaveNoEvidenceBeforeTheFirstTrial() {
        assertThat(MixtureRateTest.above(0.05).logE(0, 0)).isZero();
        assertThat(MixtureRateTest.below(0.05).logE(0, 0)).isZero();
        assertThat(MixtureRateTest.above(0.02).logE(0, 0)).isZero();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, -0.1, 1.5, Double.NaN})
    void shouldRejectANullRateOutsideZeroToOne(double p0) {
        assertThatThrownBy(() -> MixtureRateTest.above(p0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`p0` must be between 0 and 1 (exclusive), but was " + p0);
        assertThatThrownBy(() -> MixtureRateTest.below(p0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`p0` must be between 0 and 1 (exclusive), but was " + p0);
    }

    @Test
    void shouldRejectEventsOutsideZeroToTrials() {
        var test = MixtureRateTest.above(0.05);

        assertThatThrownBy(() -> test.logE(10, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`events` must be between 0 and trials (10), but was -1");
        assertThatThrownBy(() -> test.logE(10, 11)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`events` must be between 0 and trials (10), but was 11");
        assertThatThrownBy(() -> test.logE(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepItsNullRateAndSide() {
        assertThat(MixtureRateTest.above(0.05).p0()).isEqualTo(0.05);
        assertThat(MixtureRateTest.above(0.05).side()).isEqualTo(MixtureRateTest.Side.ABOVE);
        assertThat(MixtureRateTest.below(0.02).side()).isEqualTo(MixtureRateTest.Side.BELOW);
    }

    @ParameterizedTest(name = "above: n={0} x={1} p0={2}")
    @CsvSource({
            // python3 evidence/src/test/python/mixture_log_e.py 10 8 0.05 above
            "10, 8, 0.05, 17.076056922733887",
            // python3 evidence/src/test/python/mixture_log_e.py 3 3 0.05 above
            "3, 3, 0.05, 7.2696747187152955",
            // python3 evidence/src/test/python/mixture_log_e.py 12 6 0.02 above
            "12, 6, 0.02, 13.58273017072694",
            // python3 evidence/src/test/python/mixture_log_e.py 16000 400 0.02 above
            "16000, 400, 0.02, 6.571494024985495",
            // python3 evidence/src/test/python/mixture_log_e.py 1000 0 0.05 above
            "1000, 0, 0.05, -15.88428402942925",
            // python3 evidence/src/test/python/mixture_log_e.py 10000000 500000 0.05 above
            "10000000, 500000, 0.05, -14260.517525420983",
            // python3 evidence/src/test/python/mixture_log_e.py 10000000 520000 0.05 above
            "10000000, 520000, 0.05, -9532.741964136243",
    })
    void shouldMatchScipyAbove(long trials, long events, double p0, double expected) {
        assertThat(MixtureRateTest.above(p0).logE(trials, events)).isCloseTo(expected, within(Math.abs(expected) * RELATIVE));
    }

    @ParameterizedTest(name = "below: n={0} x={1} p0={2}")
    @CsvSource({
            // python3 evidence/src/test/python/mixture_log_e.py 10 8 0.05 below
            "10, 8, 0.05, -5.3149848763474274",
            // python3 evidence/src/test/python/mixture_log_e.py 3 3 0.05 below
            "3, 3, 0.05, -3.6896603990972565",
            // python3 evidence/src/test/python/mixture_log_e.py 12 6 0.02 below
            "12, 6, 0.02, -4.741556317795551",
            // python3 evidence/src/test/python/mixture_log_e.py 16000 400 0.02 below
            "16000, 400, 0.02, -29.451214096848553",
            // python3 evidence/src/test/python/mixture_log_e.py 1000 0 0.05 below
            "1000, 0, 0.05, 50.66450045250213",
            // python3 evidence/src/test/python/mixture_log_e.py 10000000 500000 0.05 below
            "10000000, 500000, 0.05, -12098.164587416752",
            // python3 evidence/src/test/python/mixture_log_e.py 10000000 480000 0.05 below
            "10000000, 480000, 0.05, -7425.867563786749",
    })
    void shouldMatchScipyBelow(long trials, long events, double p0, double expected) {
        assertThat(MixtureRateTest.below(p0).logE(trials, events)).isCloseTo(expected, within(Math.abs(expected) * RELATIVE));
    }

    @Test
    void shouldGrowWithEventsAboveAndFallWithThemBelow() {
        var above = MixtureRateTest.above(0.05);
        var below = MixtureRateTest.below(0.05);
        for (int x = 0; x < 200; x++) {
            assertThat(above.logE(200, x + 1)).isGreaterThan(above.logE(200, x));
            assertThat(below.logE(200, x + 1)).isLessThan(below.logE(200, x));
        }
    }
}
