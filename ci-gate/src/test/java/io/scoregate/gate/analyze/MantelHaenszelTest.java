package io.scoregate.gate.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scoregate.gate.analyze.MantelHaenszel.Stratum;
import java.util.List;
import org.junit.jupiter.api.Test;

class MantelHaenszelTest {

    @Test
    void noInformativeStratumGivesNoEstimate() {
        // every stratum is all-exposed or all-unexposed: the exposure and the strata are collinear
        var e = MantelHaenszel.pooled(List.of(new Stratum(5, 5, 0, 0), new Stratum(0, 0, 1, 10)));
        assertThat(e.riskRatio()).isNaN();
        assertThat(MantelHaenszel.crude(new Stratum(5, 5, 0, 0)).riskRatio()).isNaN();
    }

    @Test
    void homogeneousStrataKeepTheirCommonRatio() {
        var e = MantelHaenszel.pooled(List.of(new Stratum(20, 100, 10, 100), new Stratum(4, 10, 20, 100)));
        assertThat(e.riskRatio()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void aConfounderLooksBadCrudeAndNeutralOnceStratified() {
        // exposure lives mostly in the bad stratum (80% degraded) and rarely in the good one (1%):
        // within each stratum it changes nothing
        var bad = new Stratum(72, 90, 8, 10);
        var good = new Stratum(0.1, 10, 0.9, 90);
        var crude = MantelHaenszel.crude(new Stratum(72.1, 100, 8.9, 100));
        assertThat(crude.riskRatio()).isGreaterThan(8);
        assertThat(crude.low()).isGreaterThan(1);
        var pooled = MantelHaenszel.pooled(List.of(bad, good));
        assertThat(pooled.riskRatio()).isCloseTo(1.0, within(1e-12));
        assertThat(pooled.includesOne()).isTrue();
    }

    @Test
    void matchesGreenlandRobinsReferenceValues() {
        // python3: R = sum(a*n0/N), S = sum(c*n1/N), P = sum((n1*n0*(a+c) - a*c*N)/N^2),
        // rr = R/S, se = sqrt(P/(R*S)), CI rr*exp(-+1.96*se) -> 2.727272727272727, 1.7888166926317155, 4.158065250376646
        var e = MantelHaenszel.pooled(List.of(new Stratum(10, 100, 5, 100), new Stratum(30, 50, 20, 100)));
        assertThat(e.riskRatio()).isCloseTo(2.727272727272727, within(1e-9));
        assertThat(e.low()).isCloseTo(1.7888166926317155, within(1e-9));
        assertThat(e.high()).isCloseTo(4.158065250376646, within(1e-9));
    }

    @Test
    void zeroDegradedOutsideUsesHaldaneCorrectionInsteadOfInfinity() {
        var e = MantelHaenszel.crude(new Stratum(5, 5, 0, 2));
        // (5.5/6) / (0.5/3) = 5.5
        assertThat(e.riskRatio()).isCloseTo(5.5, within(1e-12));
        assertThat(e.includesOne()).isTrue(); // seven requests prove little
    }
}
