package io.scoregate.service.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTableRulesTest {

    @Test
    void shouldAcceptWeightsOfStableAndCandidateSummingToHundred() {
        assertThat(RoutingTableRules.weightProblems("v1.2", "v1.3", Map.of("v1.2", 95, "v1.3", 5))).isEmpty();
        assertThat(RoutingTableRules.weightProblems("v1.2", null, Map.of("v1.2", 100))).isEmpty();
    }

    @Test
    void shouldNameEveryBrokenWeightRule() {
        assertThat(RoutingTableRules.weightProblems("v1.2", "v1.3", Map.of("v1.2", 90, "v1.3", 5)))
                .containsExactly("`weights` must sum to 100, but summed to 95");
        assertThat(RoutingTableRules.weightProblems("v1.2", "v1.3", Map.of("v1.2", 105, "v1.3", -5)))
                .contains("`weights.v1.2` must be between 0 and 100, but was 105",
                        "`weights.v1.3` must be between 0 and 100, but was -5");
        assertThat(RoutingTableRules.weightProblems("v1.2", null, Map.of("v1.2", 50, "v1.9", 50)))
                .contains("`weights` may only name the stable and candidate versions, but named v1.9");
        assertThat(RoutingTableRules.weightProblems("v1.2", "v1.3", Map.of("v1.2", 100)))
                .contains("`weights` must give the candidate version v1.3 a weight");
        assertThat(RoutingTableRules.weightProblems("v1.2", "v1.2", Map.of("v1.2", 100)))
                .contains("`candidate` must differ from `stable`, but both were v1.2");
    }
}
