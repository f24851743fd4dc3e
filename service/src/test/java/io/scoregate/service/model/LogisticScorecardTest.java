package io.scoregate.service.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogisticScorecardTest {

    /** Two features read straight from the application: x0 = businessAgeMonths, x1 = priorDefaults. */
    static final String SCORECARD = """
            {"formatVersion": 1, "id": "t-lr", "family": "logistic-scorecard",
             "features": [{"name": "age", "input": "businessAgeMonths", "transform": "identity"},
                          {"name": "defaults", "input": "priorDefaults", "transform": "identity"}],
             "parameters": {"intercept": -2.0, "coefficients": {"age": 0.5, "defaults": -1.0},
                            "references": {"age": 1.0, "defaults": 0.0}},
             "metadata": {"note": "hand-checked in LogisticScorecardTest"}}
            """;

    static ScoringModel parse(String json) throws InvalidArtifactException {
        return ArtifactParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldComputeLogOddsAndContributionsByHand() throws Exception {
        // x = (3, 1): log-odds = -2 + 0.5*3 - 1*1 = -1.5
        // contributions: 0.5*(3-1) = 1.0 and -1*(1-0) = -1.0; bias = -2 + 0.5*1 + -1*0 = -1.5
        Attribution a = parse(SCORECARD).attribute(Applications.with(3, 1));
        assertThat(a.logOdds()).isCloseTo(-1.5, within(1e-12));
        assertThat(a.bias()).isCloseTo(-1.5, within(1e-12));
        assertThat(a.contributions()).containsExactly(1.0, -1.0);
    }

    @Test
    void shouldTurnLogOddsIntoPdScoreBandAndReasons() throws Exception {
        ModelScore s = parse(SCORECARD).score(Applications.with(3, 1));
        // pd = 1 / (1 + e^1.5) = 0.1824255238 (R: plogis(-1.5))
        assertThat(s.probabilityOfDefault()).isCloseTo(0.1824255238, within(1e-9));
        // score = 600 + 40/ln2 * (1.5 - ln 30) = 600 + 57.7078 * (1.5 - 3.4012) = 490.29 -> 490
        assertThat(s.score()).isEqualTo(490);
        assertThat(s.riskBand()).isEqualTo(RiskBand.D);
        // equal magnitudes keep feature order
        assertThat(s.reasonCodes()).containsExactly(new ReasonCode("age", 1.0), new ReasonCode("defaults", -1.0));
        assertThat(s.modelVersion()).isEqualTo("t-lr");
    }

    @Test
    void shouldLeaveOutFeaturesAtTheirReference() throws Exception {
        ModelScore s = parse(SCORECARD).score(Applications.with(1, 2));
        assertThat(s.reasonCodes()).containsExactly(new ReasonCode("defaults", -2.0));
    }
}
