package io.scoregate.service.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StickyWeightedRouterTest {

    private static final Instant T0 = Instant.parse("2026-11-27T18:00:00Z");

    private static RoutingTable table(long revision, int stableWeight) {
        return new RoutingTable(revision, "v1.2", Optional.of("v1.3"),
                Map.of("v1.2", stableWeight, "v1.3", 100 - stableWeight), T0, "test", "test");
    }

    private static String randomId(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    @Test
    void shouldSendTheSameApplicationToTheSameVersionWhileTheRevisionIsUnchanged() {
        RoutingTable t = table(7, 50);
        Random random = new Random(42);
        for (int i = 0; i < 1000; i++) {
            String id = randomId(random);
            String first = StickyWeightedRouter.choose(t, id);
            for (int k = 0; k < 3; k++) {
                assertThat(StickyWeightedRouter.choose(t, id)).isEqualTo(first);
            }
            // an equal table built independently (another instance) agrees
            assertThat(StickyWeightedRouter.choose(table(7, 50), id)).isEqualTo(first);
        }
    }

    @Test
    void shouldReshuffleBucketsWhenTheRevisionChanges() {
        Random random = new Random(7);
        int moved = 0;
        for (int i = 0; i < 2000; i++) {
            String id = randomId(random);
            if (StickyWeightedRouter.bucketOf(id, 7) != StickyWeightedRouter.bucketOf(id, 8)) {
                moved++;
            }
        }
        // independent buckets coincide with probability 1/100
        assertThat(moved).isGreaterThan(1900);
    }

    @Test
    void shouldSendEverythingToStableAtHundredAndNothingToACandidateAtZero() {
        Random random = new Random(1);
        RoutingTable allStable = table(3, 100);
        RoutingTable allCandidate = table(3, 0);
        RoutingTable noCandidate = RoutingTable.initial("v1.2", T0);
        for (int i = 0; i < 5000; i++) {
            String id = randomId(random);
            assertThat(StickyWeightedRouter.choose(allStable, id)).isEqualTo("v1.2");
            assertThat(StickyWeightedRouter.choose(allCandidate, id)).isEqualTo("v1.3");
            assertThat(StickyWeightedRouter.choose(noCandidate, id)).isEqualTo("v1.2");
        }
    }

    @Test
    void shouldSpreadApplicationsUniformlyOverTheHundredBuckets() {
        // Pearson chi-square, 99 degrees of freedom; critical value at alpha = 0.001 is 148.23
        // (scipy.stats.chi2.ppf(0.999, 99) = 148.2304). Fixed seed, so the outcome is reproducible.
        int n = 100_000;
        long[] counts = new long[100];
        Random random = new Random(20261127);
        for (int i = 0; i < n; i++) {
            counts[StickyWeightedRouter.bucketOf("APP-" + random.nextInt(Integer.MAX_VALUE), 5)]++;
        }
        double expected = n / 100.0;
        double chi2 = 0;
        for (long c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertThat(chi2).isLessThan(148.23);
    }

    @Test
    void shouldMatchTheWeightsInObservedShares() {
        // Pearson chi-square of the two shares against the weights, 1 degree of freedom; critical value at
        // alpha = 0.001 is 10.83 (scipy.stats.chi2.ppf(0.999, 1) = 10.8276). Sequential ids, as lenders send.
        for (int stableWeight : new int[] {95, 75, 50, 5}) {
            RoutingTable t = table(11, stableWeight);
            int n = 40_000;
            long stable = 0;
            for (int i = 0; i < n; i++) {
                if (StickyWeightedRouter.choose(t, "KE-2026-" + i).equals("v1.2")) {
                    stable++;
                }
            }
            double expStable = n * stableWeight / 100.0;
            double expCandidate = n - expStable;
            double chi2 = Math.pow(stable - expStable, 2) / expStable
                    + Math.pow((n - stable) - expCandidate, 2) / expCandidate;
            assertThat(chi2).as("weights %d/%d, observed %d stable of %d", stableWeight, 100 - stableWeight,
                    stable, n).isLessThan(10.83);
        }
    }
}
