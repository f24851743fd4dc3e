package io.scoregate.service.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The request-time guard in {@link ScoringModel#score}. The parser refuses every artifact that could compute NaN or
 * an infinity (ArtifactParserTest, ScoringPropertyTest), so these models are built by hand, past the parser, with
 * values that overflow: what the guard is for is whatever the proof misses.
 */
class NonFiniteScoreGuardTest {

    static final double INF = Double.POSITIVE_INFINITY;

    /** Features x0 = businessAgeMonths, x1 = priorDefaults (see {@link Applications#with}), unclipped. */
    static FeatureExtractor ageAndDefaults() {
        return new FeatureExtractor(List.of(
                new FeatureSpec("age", InputField.BUSINESS_AGE_MONTHS, Transform.IDENTITY, Optional.empty(),
                        Optional.empty(), 0, -INF, INF),
                new FeatureSpec("defaults", InputField.PRIOR_DEFAULTS, Transform.IDENTITY, Optional.empty(),
                        Optional.empty(), 0, -INF, INF)));
    }

    static ScoringModel scorecard(double intercept, double c0, double c1, double r0, double r1) {
        return new ScoringModel("t-overflow", ModelFamily.LOGISTIC_SCORECARD, ageAndDefaults(),
                new LogisticScorecard(intercept, new double[] {c0, c1}, new double[] {r0, r1}), Map.of());
    }

    @Test
    void shouldRefuseANaNLogOddsAsTheFindingSawIt() {
        // age 36 x 1e308 = +Infinity, defaults 2 x -1e308 = -Infinity: the sum is NaN. Before the guard: PD NaN,
        // answered as 0.0, score 300, band E, and FundingPolicy approved it (every comparison with NaN is false)
        ScoringModel m = scorecard(0, 1e308, -1e308, 0, 0);
        assertThatThrownBy(() -> m.score(Applications.with(36, 2))).isInstanceOf(NonFiniteScoreException.class)
                .hasMessage("model version t-overflow computed the log-odds = NaN; no score or decision is made from it")
                .satisfies(e -> {
                    NonFiniteScoreException n = (NonFiniteScoreException) e;
                    assertThat(n.version()).isEqualTo("t-overflow");
                    assertThat(n.quantity()).isEqualTo("the log-odds");
                    assertThat(n.value()).isNaN();
                    assertThat(n.getStackTrace()).isEmpty();
                });
    }

    @Test
    void shouldRefuseAnInfiniteLogOddsEvenThoughItsPdWouldLookFine() {
        // +Infinity log-odds gives PD exactly 1.0, a finite number: only the log-odds check catches it
        ScoringModel m = scorecard(0, 1e308, 0, 0, 0);
        assertThat(ScoreScale.probability(INF)).isEqualTo(1.0);
        assertThatThrownBy(() -> m.score(Applications.with(36, 0))).isInstanceOf(NonFiniteScoreException.class)
                .hasMessageContaining("computed the log-odds = Infinity");
    }

    @Test
    void shouldRefuseAnInfiniteContributionBehindAFiniteLogOdds() {
        // log-odds = 1 x 1e308 + 0 = 1e308, finite; the contribution 1e308 x (1 - -1e308) overflows
        ScoringModel m = scorecard(0, 1e308, 0, -1e308, 0);
        assertThat(m.attribute(Applications.with(1, 0)).logOdds()).isFinite();
        assertThatThrownBy(() -> m.score(Applications.with(1, 0))).isInstanceOf(NonFiniteScoreException.class)
                .hasMessageContaining("computed the contribution of feature 'age' = Infinity");
    }

    @Test
    void shouldRefuseANonFiniteContributionEvenOutsideTheTopThree() {
        // the NaN comes after three larger contributions, where the top-3 selection would drop it without a word
        // (every comparison with NaN is false): it is refused all the same
        FeatureExtractor five = new FeatureExtractor(List.of(
                new FeatureSpec("a", InputField.BUSINESS_AGE_MONTHS, Transform.IDENTITY, Optional.empty(),
                        Optional.empty(), 0, -INF, INF),
                new FeatureSpec("b", InputField.TENOR_MONTHS, Transform.IDENTITY, Optional.empty(), Optional.empty(),
                        0, -INF, INF),
                new FeatureSpec("c", InputField.MOBILE_MONEY_TXNS_PER_MONTH, Transform.IDENTITY, Optional.empty(),
                        Optional.empty(), 0, -INF, INF),
                new FeatureSpec("d", InputField.PRIOR_LOANS_REPAID, Transform.IDENTITY, Optional.empty(),
                        Optional.empty(), 0, -INF, INF),
                new FeatureSpec("e", InputField.PRIOR_DEFAULTS, Transform.IDENTITY, Optional.empty(),
                        Optional.empty(), 0, -INF, INF)));
        LogOddsModel nanLast = x -> new Attribution(-1.0, -1.0, new double[] {0.5, 0.4, 0.3, 0.2, Double.NaN});
        ScoringModel m = new ScoringModel("t-nan", ModelFamily.LOGISTIC_SCORECARD, five, nanLast, Map.of());
        assertThatThrownBy(() -> m.score(Applications.typical())).isInstanceOf(NonFiniteScoreException.class)
                .hasMessageContaining("computed the contribution of feature 'e' = NaN");
    }

    @Test
    void shouldRefuseAnEnsembleWhoseLeavesOverflow() {
        RegressionTree huge = new RegressionTree(new int[] {0, -1, -1}, new double[] {10, 0, 0},
                new int[] {1, -1, -1}, new int[] {2, -1, -1}, new double[] {0, 1e308, 1e308});
        ScoringModel m = new ScoringModel("t-gbt", ModelFamily.GRADIENT_BOOSTED_TREES, ageAndDefaults(),
                new GradientBoostedTrees(0, List.of(huge, huge), 2), Map.of());
        assertThatThrownBy(() -> m.score(Applications.typical())).isInstanceOf(NonFiniteScoreException.class)
                .hasMessageContaining("computed the log-odds = Infinity");
    }

    @Test
    void shouldRefuseANonFiniteFeatureThatATreeWouldSilentlySendRight() {
        // log1p(-2) = NaN; a tree compares NaN < threshold as false and would answer a finite, meaningless score
        FeatureExtractor nanFeature = new FeatureExtractor(List.of(new FeatureSpec("crb", InputField.CRB_SCORE,
                Transform.LOG1P, Optional.empty(), Optional.empty(), -2, -INF, INF)));
        RegressionTree tree = new RegressionTree(new int[] {0, -1, -1}, new double[] {6, 0, 0},
                new int[] {1, -1, -1}, new int[] {2, -1, -1}, new double[] {0, -0.5, 0.5});
        ScoringModel m = new ScoringModel("t-gbt", ModelFamily.GRADIENT_BOOSTED_TREES, nanFeature,
                new GradientBoostedTrees(-1, List.of(tree), 1), Map.of());
        assertThat(m.attribute(ArtifactParserTest.withoutCrbScore()).logOdds()).isFinite();
        assertThatThrownBy(() -> m.score(ArtifactParserTest.withoutCrbScore()))
                .isInstanceOf(NonFiniteScoreException.class).hasMessageContaining("computed feature 'crb' = NaN");
    }

    @Test
    void shouldScoreNormallyWhenEverythingIsFinite() {
        ModelScore s = scorecard(-2, 0.5, -1, 1, 0).score(Applications.with(3, 1));
        assertThat(s.probabilityOfDefault()).isBetween(0.0, 1.0);
        assertThat(s.reasonCodes()).hasSize(2);
    }
}
