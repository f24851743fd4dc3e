package io.scoregate.gate.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.scoregate.gate.judge.CapacityLimits;
import io.scoregate.gate.judge.Classification;
import org.junit.jupiter.api.Test;

/** One version at one rate against the SLO: p95 <= 250 ms and timeouts <= 1% (the defaults), alpha 0.05, 12 steps. */
class SloClassifierTest {

    final SloClassifier slo = new SloClassifier(CapacityLimits.DEFAULT, 0.05, 12, 200);

    @Test
    void fastWithoutTimeoutsIsWithin() {
        var c = slo.classify(SaturatingService.arm("v1.2", 1000, 5, 0), 100);
        assertThat(c.status()).isEqualTo(Classification.WITHIN);
        assertThat(c.p95UpperMs()).isLessThan(250);
        // 0 of 1000: the one-sided 95% Clopper-Pearson upper bound is 1 - 0.05^(1/1000)
        assertThat(c.timeoutUpper()).isCloseTo(1 - Math.pow(0.05, 1 / 1000.0), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void zeroTimeoutsInTooFewRequestsCannotShowOnePercent() {
        // 0 of 250: the upper bound is 1.19%, above the 1% objective
        var c = slo.classify(SaturatingService.arm("v1.2", 250, 5, 0), 100);
        assertThat(c.status()).isEqualTo(Classification.UNCLEAR);
    }

    @Test
    void aSlowP95Exceeds() {
        var c = slo.classify(SaturatingService.arm("v1.3", 400, 600, 0), 100);
        assertThat(c.status()).isEqualTo(Classification.EXCEEDS);
        assertThat(c.reason()).contains("p95").contains("over the objective 250 ms");
    }

    @Test
    void timeoutsOverTheObjectiveExceedEvenWithAFastP95() {
        // 3% timeouts keep the p95 on answered requests (timeouts enter at 2 s, above the 95th percentile)
        var c = slo.classify(SaturatingService.arm("v1.3", 2000, 5, 0.03), 100);
        assertThat(c.p95Ms()).isLessThan(250);
        assertThat(c.status()).isEqualTo(Classification.EXCEEDS);
        assertThat(c.reason()).contains("timeouts").contains("over the objective 1%");
    }

    @Test
    void oneTimeoutIn473RequestsStillShowsOnePercentHeld() {
        // one in 473: scipy.stats.beta.ppf(0.95, 2, 472) = 0.009990; one in 472: beta.ppf(0.95, 2, 471) = 0.010011
        assertThat(SloClassifier.requestsToHold(CapacityLimits.DEFAULT, 0.05)).isEqualTo(473);
    }

    @Test
    void fewerRequestsThanTheJudgesMinimumAreNoData() {
        var c = slo.classify(SaturatingService.arm("v1.3", 150, 5, 0), 100);
        assertThat(c.status()).isEqualTo(Classification.NO_DATA);
        assertThat(c.reason()).contains("only 150 requests, at least 200");
    }
}
