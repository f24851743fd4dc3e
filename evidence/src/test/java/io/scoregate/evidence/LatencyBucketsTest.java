package io.scoregate.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LatencyBucketsTest {

    /** Bucket edges are computed with pow, bucket indices with log: they may disagree in the last bits. */
    private static final double EDGE_SLACK = 1e-12;

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.NEGATIVE_INFINITY, -5, 0, 0.099_999})
    void shouldPutNothingAndNonsenseBelowTheFirstEdgeInBucketZero(double millis) {
        assertThat(LatencyBuckets.ofMillis(millis)).isZero();
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.POSITIVE_INFINITY, Double.MAX_VALUE, 1e12, 13 * 60 * 1000.0})
    void shouldPutEverythingFromAboutTwelveMinutesUpInTheLastBucket(double millis) {
        assertThat(LatencyBuckets.ofMillis(millis)).isEqualTo(LatencyBuckets.COUNT - 1);
    }

    @Test
    void shouldStartBucketOneAtATenthOfAMillisecondAndSpaceEdgesTenPercentApart() {
        assertThat(LatencyBuckets.lowerMillis(0)).isZero();
        assertThat(LatencyBuckets.upperMillis(0)).isEqualTo(0.1);
        assertThat(LatencyBuckets.lowerMillis(1)).isEqualTo(0.1);
        assertThat(LatencyBuckets.ofMillis(0.1)).isEqualTo(1);
        assertThat(LatencyBuckets.ofMicros(100)).isEqualTo(1);
        for (int k = 1; k < LatencyBuckets.COUNT; k++) {
            assertThat(LatencyBuckets.upperMillis(k)).isCloseTo(LatencyBuckets.lowerMillis(k + 1), within(1e-12));
            assertThat(LatencyBuckets.upperMillis(k) / LatencyBuckets.lowerMillis(k)).isCloseTo(1.1, within(1e-12));
        }
        // the last bucket starts at about 12 min (0.1 ms x 1.1^166)
        assertThat(LatencyBuckets.lowerMillis(LatencyBuckets.COUNT - 1)).isBetween(12 * 60_000.0, 13 * 60_000.0);
    }

    @Test
    void shouldPutEveryLatencyInABucketWhoseEdgesHoldIt() {
        var random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            // log-uniform from 1 us to 10 min, and whole milliseconds (ties, as logs have them)
            double v = i % 2 == 0 ? Math.pow(10, -3 + 8.78 * random.nextDouble()) : random.nextInt(5_000);
            assertHeld(v);
        }
        for (int k = 1; k < LatencyBuckets.COUNT; k++) { // the edges themselves, and either side of them
            double edge = LatencyBuckets.lowerMillis(k);
            assertHeld(edge);
            assertHeld(Math.nextDown(edge));
            assertHeld(Math.nextUp(edge));
        }
    }

    @Test
    void shouldFindTheFirstBucketWhoseEveryLatencyIsAtLeastTheValue() {
        assertThat(LatencyBuckets.firstAtLeast(0)).isZero();
        assertThat(LatencyBuckets.firstAtLeast(-1)).isZero();
        assertThat(LatencyBuckets.firstAtLeast(0.05)).isEqualTo(1);
        assertThat(LatencyBuckets.firstAtLeast(0.1)).isEqualTo(1);
        assertThat(LatencyBuckets.firstAtLeast(Math.nextUp(0.1))).isEqualTo(2);
        assertThat(LatencyBuckets.firstAtLeast(1e9)).isEqualTo(LatencyBuckets.COUNT);
        for (double millis = 0.01; millis < 500_000; millis *= 1.037) {
            int k = LatencyBuckets.firstAtLeast(millis);
            assertThat(LatencyBuckets.lowerMillis(k)).isGreaterThanOrEqualTo(millis);
            assertThat(LatencyBuckets.lowerMillis(k - 1)).isLessThan(millis);
        }
    }

    private static void assertHeld(double millis) {
        int k = LatencyBuckets.ofMillis(millis);
        assertThat(k).isBetween(0, LatencyBuckets.COUNT - 1);
        assertThat(millis).as("%s ms in bucket %d", millis, k)
                .isGreaterThanOrEqualTo(LatencyBuckets.lowerMillis(k) * (1 - EDGE_SLACK));
        if (k < LatencyBuckets.COUNT - 1) {
            assertThat(millis).as("%s ms in bucket %d", millis, k)
                    .isLessThan(LatencyBuckets.upperMillis(k) * (1 + EDGE_SLACK));
        }
    }
}
