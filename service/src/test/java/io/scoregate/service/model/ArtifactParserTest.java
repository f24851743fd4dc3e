package io.scoregate.service.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
