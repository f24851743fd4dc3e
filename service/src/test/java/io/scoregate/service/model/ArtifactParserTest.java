package io.scoregate.service.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scoregate.contract.Sector;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ArtifactParserTest {

    @Test
    void shouldRefuseTextThatIsNotJson() {
        assertThatThrownBy(() -> LogisticScorecardTest.parse("{\"formatVersion\": 1,"))
                .isInstanceOf(InvalidArtifactException.class).hasMessageStartingWith("not valid JSON");
    }

    @Test
    void shouldRefuseAnUnknownFamily() {
        String json = LogisticScorecardTest.SCORECARD.replace("logistic-scorecard", "neural-net");
        assertThatThrownBy(() -> LogisticScorecardTest.parse(json)).hasMessage(
                "`family` must be logistic-scorecard or gradient-boosted-trees, but was 'neural-net'");
    }

    @Test
    void shouldRefuseAFeatureWithoutCoefficient() {
        String json = LogisticScorecardTest.SCORECARD.replace(", \"defaults\": -1.0}", "}");
        assertThatThrownBy(() -> LogisticScorecardTest.parse(json))
                .hasMessage("parameters.coefficients has no coefficient for feature 'defaults'");
    }

    @Test
    void shouldRefuseAnUnknownInputField() {
        String json = LogisticScorecardTest.SCORECARD.replace("\"input\": \"priorDefaults\"", "\"input\": \"shoeSize\"");
        assertThatThrownBy(() -> LogisticScorecardTest.parse(json))
                .hasMessage("features[1].input names unknown application field 'shoeSize'");
    }

    @Test
    void shouldRefuseATreeWhoseChildPointsBackwards() {
        String json = GradientBoostedTreesTest.TREES.replace("\"left\": [1, -1, -1]", "\"left\": [0, -1, -1]");
        assertThatThrownBy(() -> LogisticScorecardTest.parse(json))
                .hasMessageContaining("parameters.trees[0]: node 0 has children 0/2");
    }

    @Test
    void shouldRefuseAWrongFormatVersion() {
        String json = LogisticScorecardTest.SCORECARD.replace("\"formatVersion\": 1", "\"formatVersion\": 2");
        assertThatThrownBy(() -> LogisticScorecardTest.parse(json)).hasMessage("`formatVersion` must be 1, but was 2");
    }

    @Test
    void shouldRefuseANonFiniteCoefficient() {
        String json = LogisticScorecardTest.SCORECARD.replace("\"age\": 0.5", "\"age\": \"big\"");
        assertThatThrownBy(() -> LogisticScorecardTest.parse(json))
                .hasMessage("parameters.coefficients.age must be a finite number");
    }

    @Test
    void shouldKeepTheMetadata() throws Exception {
        assertThat(LogisticScorecardTest.parse(LogisticScorecardTest.SCORECARD).metadata())
                .containsEntry("note", "hand-checked in LogisticScorecardTest");
    }

    // ---- numeric safety (issue 10): what the parser proves, and the messages it refuses with ----

    /** A scorecard over one feature; {@code feature} is the feature's JSON object, named "f". */
    static String scorecardWith(String feature, String coefficient) {
        return """
                {"formatVersion": 1, "id": "t-num", "family": "logistic-scorecard", "features": [%s],
                 "parameters": {"intercept": -2.0, "coefficients": {"f": %s}}}
                """.formatted(feature, coefficient);
    }

    @Test
    void shouldRefuseLog1pOfAMissingValueOfMinusOneTheFindingsFirstReproduction() {
        // issue 10: with crbScore absent the feature was log1p(-1) = -Infinity, times coefficient 0 = NaN log-odds,
        // which /funding-approve answered with PD 0.0, score 300 and APPROVED
        String json = scorecardWith("{\"name\": \"f\", \"input\": \"crbScore\", \"transform\": \"log1p\", "
                + "\"missing\": -1}", "0");
        assertThatThrownBy(() -> LogisticScorecardTest.parse(json)).isInstanceOf(InvalidArtifactException.class)
                .hasMessage("features[0].missing is -1, but feature 'f' is log1p of crbScore and takes `missing` when "
                        + "crbScore is absent: log1p(-1) is -Infinity; log1p needs a `missing` above -1");
    }

    @Test
    void shouldRefuseLog1pOfAMissingValueBelowMinusOne() {
        String json = scorecardWith("{\"name\": \"f\", \"input\": \"crbScore\", \"transform\": \"log1p\", "
                + "\"missing\": -2.5, \"min\": 0}", "0.1");
        assertThatThrownBy(() -> LogisticScorecardTest.parse(json))
                .hasMessageContaining("features[0].missing is -2.5").hasMessageContaining("log1p(-2.5) is NaN");
    }

    @Test
    void shouldAcceptLog1pWhereTheMissingValueIsNeverUsedOrAboveMinusOne() throws Exception {
        // businessAgeMonths is required, so its `missing` is never read; crbScore's -0.5 gives log1p(-0.5) = -0.693
        LogisticScorecardTest.parse(scorecardWith("{\"name\": \"f\", \"input\": \"businessAgeMonths\", "
                + "\"transform\": \"log1p\", \"missing\": -7}", "0.1"));
        ScoringModel m = LogisticScorecardTest.parse(scorecardWith("{\"name\": \"f\", \"input\": \"crbScore\", "
                + "\"transform\": \"log1p\", \"missing\": -0.5}", "0.1"));
        assertThat(m.attribute(withoutCrbScore()).logOdds()).isEqualTo(-2.0 + 0.1 * Math.log1p(-0.5));
    }

    @Test
    void shouldRefuseARatioWhoseDenominatorCanBeZero() {
        String json = scorecardWith("{\"name\": \"f\", \"input\": \"existingDebtKes\", \"transform\": \"ratio\", "
                + "\"per\": \"crbScore\", \"missing\": -1, \"max\": 10}", "0.1");
        assertThatThrownBy(() -> LogisticScorecardTest.parse(json)).hasMessage("features[0].missing is -1, but feature "
                + "'f' is the ratio existingDebtKes / (crbScore + 1) and takes `missing` when crbScore is absent: the "
                + "denominator is then 0, a division by zero; `missing` must not be -1");
    }

    @Test
    void shouldAcceptARatioWithANegativeButNonZeroDenominator() throws Exception {
        ScoringModel m = LogisticScorecardTest.parse(scorecardWith("{\"name\": \"f\", \"input\": \"tenorMonths\", "
                + "\"transform\": \"ratio\", \"per\": \"crbScore\", \"missing\": -3}", "0.1"));
        // tenor 12 / (-3 + 1) = -6
        assertThat(m.attribute(withoutCrbScore()).logOdds()).isEqualTo(-2.0 + 0.1 * -6);
    }

    @Test
    void shouldRefuseTheRejectedMissingValuesBecauseTheyReallyProduceNaNOrInfinity() {
        // the refusals above are not over-cautious: built by hand past the parser, these features are not finite
        FeatureSpec log1p = new FeatureSpec("f", InputField.CRB_SCORE, Transform.LOG1P, Optional.empty(),
                Optional.empty(), -1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        FeatureSpec ratio = new FeatureSpec("f", InputField.EXISTING_DEBT_KES, Transform.RATIO,
                Optional.of(InputField.CRB_SCORE), Optional.empty(), -1, Double.NEGATIVE_INFINITY, 10);
        FeatureSpec nan = new FeatureSpec("f", InputField.CRB_SCORE, Transform.LOG1P, Optional.empty(),
                Optional.empty(), -2.5, 0, 10);
        assertThat(log1p.evaluate(withoutCrbScore())).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(ratio.evaluate(withoutCrbScore())).isEqualTo(10); // +Infinity, clipped: but 0 / 0 below is not
        FeatureSpec zeroOverZero = new FeatureSpec("f", InputField.PRIOR_DEFAULTS, Transform.RATIO,
                Optional.of(InputField.CRB_SCORE), Optional.empty(), -1, 0, 10);
        assertThat(zeroOverZero.evaluate(withoutCrbScore())).isNaN();
        assertThat(nan.evaluate(withoutCrbScore())).isNaN(); // a clip does not repair NaN
    }

    @Test
    void shouldRefuseHugeCoefficientsTheFindingsSecondReproduction() {
        String json = LogisticScorecardTest.SCORECARD.replace("\"age\": 0.5", "\"age\": 1e308")
                .replace("\"defaults\": -1.0}", "\"defaults\": -1e308}");
        assertThatThrownBy(() -> LogisticScorecardTest.parse(json)).isInstanceOf(InvalidArtifactException.class)
                .hasMessage("parameters.coefficients.age is 1.0E308; it must be a finite number from -1000000 to 1000000");
        String negative = LogisticScorecardTest.SCORECARD.replace("\"defaults\": -1.0}", "\"defaults\": -1e308}");
        assertThatThrownBy(() -> LogisticScorecardTest.parse(negative)).hasMessage(
                "parameters.coefficients.defaults is -1.0E308; it must be a finite number from -1000000 to 1000000");
    }

    @Test
    void shouldRefuseANumberTooLargeForADouble() {
        String json = LogisticScorecardTest.SCORECARD.replace("\"intercept\": -2.0", "\"intercept\": 1e400");
        assertThatThrownBy(() -> LogisticScorecardTest.parse(json))
                .hasMessage("parameters.intercept is Infinity; it must be a finite number from -1000000 to 1000000");
    }

    @Test
    void shouldBoundEveryConstantByItsUnit() {
        String scorecard = LogisticScorecardTest.SCORECARD;
        assertThatThrownBy(() -> LogisticScorecardTest.parse(scorecard.replace("\"intercept\": -2.0", "\"intercept\": 2e6")))
                .hasMessage("parameters.intercept is 2000000; it must be a finite number from -1000000 to 1000000");
        assertThatThrownBy(() -> LogisticScorecardTest.parse(scorecard.replace("\"age\": 1.0", "\"age\": -3e12")))
                .hasMessage("parameters.references.age is -3000000000000; it must be a finite number from "
                        + "-1000000000000 to 1000000000000");
        String feature = "{\"name\": \"f\", \"input\": \"crbScore\", \"transform\": \"identity\", ";
        assertThatThrownBy(() -> LogisticScorecardTest.parse(scorecardWith(feature + "\"missing\": 1e13}", "1")))
                .hasMessageStartingWith("features[0].missing is 10000000000000; it must be a finite number");
        assertThatThrownBy(() -> LogisticScorecardTest.parse(scorecardWith(feature + "\"min\": -1e300}", "1")))
                .hasMessageStartingWith("features[0].min is -1.0E300; it must be a finite number");
        assertThatThrownBy(() -> LogisticScorecardTest.parse(scorecardWith(feature + "\"max\": 1e300}", "1")))
                .hasMessageStartingWith("features[0].max is 1.0E300; it must be a finite number");
        String trees = GradientBoostedTreesTest.TREES;
        assertThatThrownBy(() -> LogisticScorecardTest.parse(trees.replace("\"baseLogOdds\": -1.0", "\"baseLogOdds\": -1e7")))
                .hasMessage("parameters.baseLogOdds is -10000000; it must be a finite number from -1000000 to 1000000");
        assertThatThrownBy(() -> LogisticScorecardTest.parse(trees.replace("[0.1, -0.2, 0.3]", "[0.1, -0.2, 1e308]")))
                .hasMessage("parameters.trees[0].value[2] is 1.0E308; it must be a finite number from -1000000 to 1000000");
        assertThatThrownBy(() -> LogisticScorecardTest.parse(trees.replace("\"threshold\": [2, 0, 0]", "\"threshold\": [2e12, 0, 0]")))
                .hasMessageStartingWith("parameters.trees[0].threshold[0] is 2000000000000; it must be a finite number");
    }

    @Test
    void shouldRefuseAScorecardWhoseLogOddsCanReachTheLimitOnAValidApplication() throws Exception {
        // raw revenue reaches 1e10 KES: 1e-3 per KES can add 1e7 to the log-odds
        String feature = "{\"name\": \"f\", \"input\": \"monthlyRevenueKes\", \"transform\": \"identity\"";
        assertThatThrownBy(() -> LogisticScorecardTest.parse(scorecardWith(feature + "}", "-0.001")))
                .hasMessage("parameters: the log-odds can reach 10000002 in magnitude on a valid application "
                        + "(|intercept| + the sum of |coefficient| x the largest |feature|; the largest term is "
                        + "parameters.coefficients.f (-0.001) x feature f in [0, 10000000000]); at most 1000000 is "
                        + "allowed: clip the feature with `min`/`max` or shrink the coefficient");
        // clipped to 1e8 KES it is bounded by 1e5 + 2, and accepted
        LogisticScorecardTest.parse(scorecardWith(feature + ", \"max\": 1e8}", "-0.001"));
    }

    @Test
    void shouldRefuseAContributionThatCanReachTheLimit() {
        String json = scorecardWith("{\"name\": \"f\", \"input\": \"tenorMonths\", \"transform\": \"identity\"}",
                "1").replace("}}\n", ", \"references\": {\"f\": 5e11}}}\n");
        assertThatThrownBy(() -> LogisticScorecardTest.parse(json)).hasMessageStartingWith("parameters.coefficients.f (1) "
                + "x (feature f - parameters.references.f (500000000000)), the reason-code contribution, can reach "
                + "500000000000 in magnitude on a valid application (feature f ranges over [1, 60])");
    }

    @Test
    void shouldRefuseAnEnsembleWhoseLogOddsOrContributionsCanReachTheLimit() {
        // 0.3 is tree 0's largest leaf, 0.4 tree 1's: 999999.8 + 0.3 + 0.4 > 1e6
        String big = GradientBoostedTreesTest.TREES.replace("\"baseLogOdds\": -1.0", "\"baseLogOdds\": -999999.8");
        assertThatThrownBy(() -> LogisticScorecardTest.parse(big)).hasMessage("parameters: the log-odds can reach "
                + "1000000.5 in magnitude (|baseLogOdds| + the largest reachable |leaf value| of each of the 2 trees); "
                + "at most 1000000 is allowed");
        // leaves stay small, but the paths swing by 9e5 in each tree: tree 0 from 900000 to -0.2 (900000.2), tree 1
        // from -900000 to 0.3 (900000.3) and on to 0.2 or 0.4 (0.1): 1800000.6 in all
        String swing = GradientBoostedTreesTest.TREES.replace("[0.1, -0.2, 0.3]", "[900000, -0.2, 0.3]")
                .replace("[0.0, 0.05, 0.3, 0.2, 0.4]", "[-900000, 0.05, 0.3, 0.2, 0.4]");
        assertThatThrownBy(() -> LogisticScorecardTest.parse(swing))
                .hasMessageStartingWith("parameters: a reason-code contribution can reach 1800000.6 in magnitude");
    }

    static LoanApplication withoutCrbScore() {
        return new LoanApplication("a", "l", Sector.RETAIL, 12, 1000, 0.1, 3, 500, 0, 0, OptionalInt.empty(), 1000, 12);
    }
}
