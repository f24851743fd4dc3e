package io.scoregate.service.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DrillPlanTest {

    @Test
    void shouldDrawFaultsInTheConfiguredShares() {
        DrillPlan plan = new DrillPlan("v1.3", 0, 0.25, 0.8, 0.1);
        SplittableRandom random = new SplittableRandom(42);
        int[] counts = new int[Fault.values().length];
        for (int i = 0; i < 10_000; i++) {
            counts[plan.draw(random).fault().ordinal()]++;
        }
        // binomial sd at n=10000 is at most 50: allow 4 sd
        assertThat(counts[Fault.TIMEOUT.ordinal()]).isBetween(7800, 8200);
        assertThat(counts[Fault.ERROR.ordinal()]).isBetween(800, 1200);
    }

    @Test
    void shouldAddLognormalLatencyAroundTheMedian() {
        DrillPlan plan = new DrillPlan("v1.3", 700, 0.25, 0, 0);
        SplittableRandom random = new SplittableRandom(7);
        double[] ms = new double[10_001];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = plan.draw(random).addedLatency().toNanos() / 1e6;
        }
        Arrays.sort(ms);
        // median of 700 * exp(0.25 Z) is 700; its p95 is 700 * exp(0.25 * 1.645) = 1057
        assertThat(ms[5000]).isBetween(680.0, 720.0);
        assertThat(ms[9500]).isBetween(1020.0, 1095.0);
    }

    @Test
    void shouldRefuseProbabilitiesOutsideZeroToOne() {
        assertThatThrownBy(() -> new DrillPlan("v1.3", 0, 0.25, 1.5, 0))
                .hasMessage("`scoregate.drill.\"v1.3\".timeout-probability` must be between 0.0 and 1.0, but was 1.5");
        assertThatThrownBy(() -> new DrillPlan("v1.3", 0, 0.25, 0.6, 0.6))
                .hasMessageContaining("must be at most 1, but was 1.2");
    }

    @Test
    void shouldLeaveVersionsWithoutDrillUntouched() {
        FaultInjector injector = new FaultInjector(Map.of("v1.3", new DrillPlan("v1.3", 0, 0.25, 1, 0),
                "v1.2", new DrillPlan("v1.2", 0, 0.25, 0, 0)), new SplittableRandom(1));
        assertThat(injector.effectFor("v1.2")).isEqualTo(DrillEffect.NONE);
        assertThat(injector.effectFor("v1.3").fault()).isEqualTo(Fault.TIMEOUT);
        assertThat(injector.activePlans()).containsOnlyKeys("v1.3");
    }
}
