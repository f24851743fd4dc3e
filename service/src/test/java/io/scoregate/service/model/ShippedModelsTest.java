package io.scoregate.service.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scoregate.contract.Sector;
import java.io.InputStream;
import java.util.Arrays;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The artifacts in src/main/resources/models load, and their attribution adds up. */
class ShippedModelsTest {

    static ScoringModel load(String version) throws Exception {
        try (InputStream in = ShippedModelsTest.class.getResourceAsStream("/models/" + version + ".json")) {
            return ArtifactParser.parse(in.readAllBytes());
        }
    }

    @Test
    void shouldLoadTheScorecardAndTheEnsemble() throws Exception {
        assertThat(load("v1.2").family()).isEqualTo(ModelFamily.LOGISTIC_SCORECARD);
        assertThat(load("v1.3").family()).isEqualTo(ModelFamily.GRADIENT_BOOSTED_TREES);
    }

    @Test
    void shouldExplainExactlyTheLogOddsItScores() throws Exception {
        for (String version : new String[] {"v1.2", "v1.3"}) {
            Attribution a = load(version).attribute(Applications.typical());
            double sum = a.bias() + Arrays.stream(a.contributions()).sum();
            assertThat(sum).as(version).isCloseTo(a.logOdds(), within(1e-9));
        }
    }

    @Test
    void shouldRankARiskierApplicantWorseInBothVersions() throws Exception {
        LoanApplication good = Applications.typical();
        LoanApplication risky = new LoanApplication("app-2", "acme", Sector.AGRICULTURE, 3, 20_000, 0.9, 2, 200_000,
                0, 3, OptionalInt.empty(), 500_000, 36);
        for (String version : new String[] {"v1.2", "v1.3"}) {
            ModelScore g = load(version).score(good);
            ModelScore r = load(version).score(risky);
            assertThat(r.probabilityOfDefault()).as(version).isGreaterThan(g.probabilityOfDefault());
            assertThat(r.score()).as(version).isLessThan(g.score());
            assertThat(r.reasonCodes()).as(version).hasSize(3);
            assertThat(r.reasonCodes().get(0).contribution()).as(version).isPositive();
        }
    }
}
