package io.scoregate.service.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The reason codes are the three largest contributions by magnitude, largest first, zeros left out and ties in
 * feature order. Checked against a plain stable sort of all contributions, on hand-picked and random vectors.
 */
class ReasonCodeSelectionTest {

    @Test
    void shouldPickTheThreeLargestMagnitudesInEitherDirection() {
        assertThat(reasons(0.1, -0.9, 0.0, 0.5, -0.2, 0.7))
                .containsExactly(new ReasonCode("f1", -0.9), new ReasonCode("f5", 0.7), new ReasonCode("f3", 0.5));
    }

    @Test
    void shouldKeepFeatureOrderBetweenEqualMagnitudes() {
        assertThat(reasons(0.3, -0.3, 0.3, 0.3))
                .containsExactly(new ReasonCode("f0", 0.3), new ReasonCode("f1", -0.3), new ReasonCode("f2", 0.3));
    }

    @Test
    void shouldLeaveOutZerosAndReturnFewerWhenFewerContributed() {
        assertThat(reasons(0.0, 0.0, -0.4, 0.0)).containsExactly(new ReasonCode("f2", -0.4));
        assertThat(reasons(0.0, 0.0)).isEmpty();
    }

    @Test
    void shouldAgreeWithAStableSortOnRandomContributions() {
        SplittableRandom random = new SplittableRandom(7);
        for (int run = 0; run < 2_000; run++) {
            double[] c = new double[1 + random.nextInt(12)];
            for (int i = 0; i < c.length; i++) {
                // few distinct values, so ties and zeros are common
                c[i] = random.nextInt(4) == 0 ? 0.0 : (random.nextInt(7) - 3) / 4.0;
            }
            assertThat(reasons(c)).as("contributions %s", java.util.Arrays.toString(c)).isEqualTo(bySorting(c));
        }
    }

    private static List<ReasonCode> bySorting(double[] c) {
        List<ReasonCode> all = new ArrayList<>();
        for (int i = 0; i < c.length; i++) {
            if (c[i] != 0.0) {
                all.add(new ReasonCode("f" + i, c[i]));
            }
        }
        all.sort(Comparator.comparingDouble((ReasonCode r) -> -Math.abs(r.contribution())));
        return all.subList(0, Math.min(3, all.size()));
    }

    /** Scores with a model whose attribution is exactly {@code contributions}, over features f0, f1, ... */
    private static List<ReasonCode> reasons(double... contributions) {
        List<FeatureSpec> specs = IntStream.range(0, contributions.length)
                .mapToObj(i -> new FeatureSpec("f" + i, InputField.BUSINESS_AGE_MONTHS, Transform.IDENTITY,
                        Optional.empty(), Optional.empty(), 0, 0, 1200))
                .toList();
        LogOddsModel fixed = x -> new Attribution(0.0, 0.0, contributions.clone());
        return new ScoringModel("t", ModelFamily.LOGISTIC_SCORECARD, new FeatureExtractor(specs), fixed, Map.of())
                .score(Applications.with(3, 1)).reasonCodes();
    }
}
