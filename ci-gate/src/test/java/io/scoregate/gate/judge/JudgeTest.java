package io.scoregate.gate.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.scoregate.gate.stats.CensoredSample;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JudgeTest {

    final Judge judge = Judge.standard();
    final Policy policy = Policy.DEFAULT;

    static Arm arm(String v, double[] ok, double[] timeouts, long errors) {
        return new Arm(v, ok.length, timeouts.length, errors, 0, CensoredSample.of(ok, timeouts));
    }

    static double[] constant(int n, double value) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, value);
        return x;
    }

    static double[] lognormal(int n, double median, double sigma, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.rint(median * Math.exp(sigma * r.nextGaussian()));
        }
        return x;
    }

    @Test
    void emptyArmsAreInconclusiveNeverPass() {
        var empty = arm("v1.3", new double[0], new double[0], 0);
        var j = judge.judge(arm("v1.2", constant(500, 100), new double[0], 0), empty, policy);
        assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(j.reasons().get(0)).contains("candidate arm (v1.3) has no requests");
        assertThat(j.moreRequestsPerArm()).isEqualTo(200);
        assertThat(judge.judge(empty, empty, policy).reasons().get(0)).startsWith("Neither arm");
    }

    @Test
    void tooFewRequestsSaysHowManyMore() {
        var j = judge.judge(arm("v1.2", constant(50, 100), new double[0], 0), arm("v1.3", constant(80, 100), new double[0], 0), policy);
        assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(j.moreRequestsPerArm()).isEqualTo(150);
        assertThat(j.reasons().get(0)).contains("150 more");
    }

    @Test
    void identicalConstantSamplesPass() {
        var a = arm("v1.2", constant(2000, 100), new double[0], 0);
        var j = judge.judge(a, arm("v1.3", constant(2000, 100), new double[0], 0), policy);
        assertThat(j.verdict()).isEqualTo(Verdict.PASS);
        assertThat(j.metrics()).hasSize(6).allMatch(m -> m.classification() == Classification.WITHIN);
        assertThat(j.shift()).isPresent();
        assertThat(j.shift().get().shift()).isZero();
    }

    @Test
    void incidentLikeCandidateBlocksOnSeveralRules() {
        // v1.2 ~100 ms; v1.3 ~750 ms with 80% timeouts at the 500 ms deadline, as in the Friday incident
        var b = arm("v1.2", lognormal(1000, 100, 0.2, 1), new double[0], 0);
        var c = arm("v1.3", lognormal(200, 450, 0.05, 2), constant(800, 500), 0);
        var j = judge.judge(b, c, policy);
        assertThat(j.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(j.metrics()).filteredOn(m -> m.classification() == Classification.EXCEEDS)
                .extracting(MetricResult::rule)
                .contains(Rule.MEAN_LATENCY_RATIO, Rule.P95_LATENCY_RATIO, Rule.TIMEOUT_RATE, Rule.TIMEOUT_RATE_INCREASE);
        assertThat(j.reasons()).anyMatch(r -> r.startsWith("Candidate timeout rate is 80.00%, over the limit 5.00%"));
    }

    @Test
    void zeroErrorBaselineAgainstErrorsIsJudgedOnTheDifference() {
        // 1.5% errors is under the absolute 2% limit, but +1.5pp over a clean baseline exceeds the 1pp allowed increase
        var b = arm("v1.2", lognormal(20_000, 100, 0.3, 3), new double[0], 0);
        var c = arm("v1.3", lognormal(19_700, 100, 0.3, 4), new double[0], 300);
        var j = judge.judge(b, c, policy);
        assertThat(j.verdict()).isEqualTo(Verdict.BLOCK);
        var inc = j.metrics().stream().filter(m -> m.rule() == Rule.ERROR_RATE_INCREASE).findFirst().orElseThrow();
        assertThat(inc.classification()).isEqualTo(Classification.EXCEEDS);
        assertThat(inc.lower()).isGreaterThan(0.01);
        var abs = j.metrics().stream().filter(m -> m.rule() == Rule.ERROR_RATE).findFirst().orElseThrow();
        assertThat(abs.classification()).isNotEqualTo(Classification.EXCEEDS);
    }

    @Test
    void straddlingEvidenceIsInconclusiveWithRequestsNeeded() {
        // 2% errors against a 2% limit: cannot tell either way
        var b = arm("v1.2", lognormal(980, 100, 0.3, 5), new double[0], 20);
        var c = arm("v1.3", lognormal(980, 100, 0.3, 6), new double[0], 20);
        var j = judge.judge(b, c, policy);
        assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(j.moreRequestsPerArm()).isGreaterThan(0);
        assertThat(j.reasons()).anyMatch(r -> r.contains("error rate") && r.contains("straddle"));
    }

    @Test
    void candidateThatOnlyErrorsBlocksAlthoughItHasNoLatencies() {
        var b = arm("v1.2", lognormal(1000, 100, 0.3, 7), new double[0], 0);
        var c = arm("v1.3", new double[0], new double[0], 1000);
        var j = judge.judge(b, c, policy);
        assertThat(j.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(j.metrics()).anyMatch(m -> m.rule() == Rule.MEAN_LATENCY_RATIO && m.classification() == Classification.NO_DATA);
    }

    @Test
    void failedBaselineIsInconclusive() {
        var b = arm("v1.2", lognormal(300, 100, 0.3, 8), new double[0], 700);
        var c = arm("v1.3", lognormal(1000, 100, 0.3, 9), new double[0], 0);
        var j = judge.judge(b, c, policy);
        assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(j.reasons()).anyMatch(r -> r.contains("baseline arm (v1.2) failed"));
    }

    @Test
    void aCandidateFailingAsBadlyAsItsBaselineIsInconclusiveNotBlocked() {
        // an overloaded staging service: both arms mostly time out, so nothing can be said about the candidate
        double[] timeouts = new double[900];
        java.util.Arrays.fill(timeouts, 2000);
        var b = arm("v1.2", lognormal(100, 100, 0.3, 12), timeouts, 0);
        var c = arm("v1.3", lognormal(100, 100, 0.3, 13), timeouts, 0);
        var j = judge.judge(b, c, policy);
        assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(j.reasons()).singleElement().asString().contains("baseline arm (v1.2) failed");
    }

    @Test
    void splitFarFromPlanIsInconclusive() {
        var b = arm("v1.2", lognormal(3000, 100, 0.3, 10), new double[0], 0);
        var c = arm("v1.3", lognormal(1000, 100, 0.3, 11), new double[0], 0);
        var j = judge.judge(b, c, policy);
        assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(j.reasons()).anyMatch(r -> r.startsWith("The traffic split is far from plan: 3000 baseline vs 1000 candidate"));
    }
}
