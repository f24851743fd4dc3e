package io.scoregate.service.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GradientBoostedTreesTest {

    /**
     * Tree 1: root (value 0.1) splits age < 2 into leaves -0.2 / 0.3.
     * Tree 2: root (value 0.0) splits defaults < 0.5 into leaf 0.05 / node 2 (value 0.3), which splits
     * age < 5 into leaves 0.2 / 0.4. Base log-odds -1.
     */
    static final String TREES = """
            {"formatVersion": 1, "id": "t-gbt", "family": "gradient-boosted-trees",
             "features": [{"name": "age", "input": "businessAgeMonths", "transform": "identity"},
                          {"name": "defaults", "input": "priorDefaults", "transform": "identity"}],
             "parameters": {"baseLogOdds": -1.0, "trees": [
                {"feature": [0, -1, -1], "threshold": [2, 0, 0], "left": [1, -1, -1], "right": [2, -1, -1],
                 "value": [0.1, -0.2, 0.3]},
                {"feature": [1, -1, 0, -1, -1], "threshold": [0.5, 0, 5, 0, 0], "left": [1, -1, 3, -1, -1],
                 "right": [2, -1, 4, -1, -1], "value": [0.0, 0.05, 0.3, 0.2, 0.4]}]}}
            """;

    @Test
    void shouldWalkEveryTreeAndCreditSaabasContributions() throws Exception {
        // x = (age 3, defaults 1). Tree 1: 3 >= 2 -> right leaf 0.3; age gets 0.3 - 0.1 = 0.2.
        // Tree 2: 1 >= 0.5 -> node 2 (0.3); defaults gets 0.3 - 0.0 = 0.3. Then 3 < 5 -> leaf 0.2; age gets
        // 0.2 - 0.3 = -0.1. log-odds = -1 + 0.3 + 0.2 = -0.5; bias = -1 + 0.1 + 0.0 = -0.9;
        // contributions age 0.1, defaults 0.3, and -0.9 + 0.1 + 0.3 = -0.5.
        Attribution a = LogisticScorecardTest.parse(TREES).attribute(Applications.with(3, 1));
        assertThat(a.logOdds()).isCloseTo(-0.5, within(1e-12));
        assertThat(a.bias()).isCloseTo(-0.9, within(1e-12));
        assertThat(a.contributions()[0]).isCloseTo(0.1, within(1e-12));
        assertThat(a.contributions()[1]).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void shouldTakeTheLeftBranchOnlyBelowTheThreshold() throws Exception {
        // age exactly 2 is not < 2: right leaf 0.3. defaults 0 < 0.5: leaf 0.05. log-odds = -1 + 0.3 + 0.05
        Attribution a = LogisticScorecardTest.parse(TREES).attribute(Applications.with(2, 0));
        assertThat(a.logOdds()).isCloseTo(-0.65, within(1e-12));
        ModelScore s = LogisticScorecardTest.parse(TREES).score(Applications.with(2, 0));
        // pd = plogis(-0.65) = 0.3429895
        assertThat(s.probabilityOfDefault()).isCloseTo(0.3429895, within(1e-7));
        assertThat(s.riskBand()).isEqualTo(RiskBand.E);
        assertThat(s.reasonCodes()).containsExactly(new ReasonCode("age", 0.2), new ReasonCode("defaults", 0.05));
    }
}
