package io.scoregate.gate.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CapacityPlanTest {

    @Test
    void ratesAreGeometricAndTheCeilingIsTheLastStep() {
        var plan = new CapacityPlan(40, 1.5, 300, 12, Duration.ofSeconds(3), Duration.ofSeconds(1), 100);
        assertThat(plan.rates()).containsExactly(40.0, 60.0, 90.0, 135.0, 202.5, 300.0);
    }

    @Test
    void theStepCountLimitsTheRates() {
        var plan = new CapacityPlan(400, 1.25, 100_000, 3, Duration.ofSeconds(10), Duration.ofSeconds(10), 200);
        assertThat(plan.rates()).containsExactly(400.0, 500.0, 625.0);
    }

    @Test
    void aStepHasTheJudgesMinimumEvenWhenItsDurationHoldsFewer() {
        var plan = new CapacityPlan(40, 1.5, 300, 12, Duration.ofSeconds(3), Duration.ofSeconds(1), 200);
        assertThat(plan.requestsAt(40)).isEqualTo(200);
        assertThat(plan.requestsAt(135)).isEqualTo(405);
        assertThat(plan.runLengthAt(40)).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void theBoundOnTheRunIsEveryStepForBothVersions() {
        var plan = new CapacityPlan(100, 2, 400, 12, Duration.ofSeconds(10), Duration.ofSeconds(2), 200);
        // 100, 200, 400: each 10 s (+2 s warm-up) per version
        assertThat(plan.longestRun()).isEqualTo(Duration.ofSeconds(72));
        assertThat(plan.describe()).isEqualTo("Capacity: up to 3 step(s) from 100 to 400 req/s (x2 each), each "
                + "version alone for 10 s + 2 s warm-up per step (at least 200 requests): at most 1 min 12 s of load.");
    }

    @Test
    void badStepsAreRefusedNamingTheFlag() {
        assertThatThrownBy(() -> new CapacityPlan(40, 1, 300, 12, Duration.ofSeconds(3), Duration.ZERO, 200))
                .hasMessage("`--capacity-factor` must be above 1 and at most 10, but was 1.0");
        assertThatThrownBy(() -> new CapacityPlan(40, 1.25, 300, 0, Duration.ofSeconds(3), Duration.ZERO, 200))
                .hasMessage("`--capacity-steps` must be between 1 and 100, but was 0");
        assertThatThrownBy(() -> new CapacityPlan(40, 1.25, 30, 12, Duration.ofSeconds(3), Duration.ZERO, 200))
                .hasMessage("`--capacity-max-rate` must be at least `--rate` (40), but was 30");
    }
}
