package io.scoregate.gate.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The judge's quality targets, measured by seeded simulation at the default run length
 * ({@link RunLength#DEFAULT_REQUESTS_PER_ARM} per arm) and the default policy. Each test prints its
 * measured rate (grep the test output for "SIM"); docs/gate-judge.md quotes them.
 */
class JudgeSimulationTest {

    static final int N = (int) RunLength.DEFAULT_REQUESTS_PER_ARM;
    /** The shipped rules; the shift test is context that never changes a verdict, left out for speed. */
    static final Judge JUDGE = Judge.standard().withoutShiftTest();
    static final Policy POLICY = Policy.DEFAULT;

    /** A/A shapes: several spreads, a heavy tail, heavy ties, rare timeouts and errors. */
    static final List<Scenario> A_A = List.of(
            Scenario.of("lognormal sigma 0.3", Scenario.lognormal(100, 0.3), 500),
            Scenario.of("lognormal sigma 0.8 (1% censored at 500ms)", Scenario.lognormal(80, 0.8), 500),
            Scenario.of("pareto a=2.5 heavy tail", Scenario.pareto(50, 2.5), 500).withErrors(0.002),
            Scenario.of("lognormal sigma 0.1, heavy ms ties", Scenario.lognormal(20, 0.1), 500).withTimeouts(0.005),
            Scenario.of("pareto a=1.5 infinite variance", Scenario.pareto(40, 1.5), 2000).withTimeouts(0.01));

    static Map<Verdict, Integer> run(Scenario baseline, Scenario candidate, int runs, long seed) {
        return run(baseline, candidate, runs, seed, POLICY);
    }

    static Map<Verdict, Integer> run(Scenario baseline, Scenario candidate, int runs, long seed, Policy policy) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        Random random = new Random(seed);
        for (int i = 0; i < runs; i++) {
            Arm b = baseline.draw("v1.2", N, random);
            Arm c = candidate.draw("v1.3", N, random);
            counts.merge(JUDGE.judge(b, c, policy).verdict(), 1, Integer::sum);
        }
        return counts;
    }

    static void report(String what, Map<Verdict, Integer> counts, int runs) {
        System.out.printf("SIM %-55s runs=%d PASS=%d BLOCK=%d INCONCLUSIVE=%d%n", what, runs,
                counts.getOrDefault(Verdict.PASS, 0), counts.getOrDefault(Verdict.BLOCK, 0),
                counts.getOrDefault(Verdict.INCONCLUSIVE, 0));
    }

    @Test
    void aaComparisonsBlockAtMostOnePercent() {
        int perShape = 100;
        int blocks = 0;
        int total = 0;
        for (int s = 0; s < A_A.size(); s++) {
            Scenario shape = A_A.get(s);
            var counts = run(shape, shape, perShape, 1000 + s);
            report("A/A " + shape.name(), counts, perShape);
            blocks += counts.getOrDefault(Verdict.BLOCK, 0);
            total += perShape;
        }
        System.out.printf("SIM A/A total runs=%d false BLOCK=%d (%.2f%%)%n", total, blocks, 100.0 * blocks / total);
        assertThat(total).isGreaterThanOrEqualTo(500);
        assertThat(blocks / (double) total).isLessThanOrEqualTo(0.01);
    }

    static final Scenario BASE = Scenario.of("lognormal median 100ms sigma 0.5", Scenario.lognormal(100, 0.5), 10_000);

    @Test
    void meanTwoAndAHalfTimesIsCaught() {
        assertCaught("mean 2.5x (all latencies x2.5)", BASE, BASE.transformed(x -> x * 2.5), 2);
    }

    @Test
    void p95OnlyRegressionIsCaughtWhileTheMedianStays() {
        // only the slowest 10% get slower: x > q90 becomes 1.875 x, so p95 is 1.875x and the median is unchanged
        double q90 = 100 * Math.exp(0.5 * 1.2815515655446004);
        DoubleUnaryOperator tail = x -> x > q90 ? x * 1.875 : x;
        assertCaught("p95 1.875x, tail only", BASE, BASE.transformed(tail), 3);
    }

    @Test
    void timeoutRateOfSixAndAQuarterPercentIsCaught() {
        // the baseline at 5.25% keeps the increase exactly at its 1pp limit: only the absolute rule can catch it
        assertCaught("timeout rate 6.25% (baseline 5.25%)", BASE.withTimeouts(0.0525), BASE.withTimeouts(0.0625), 4);
    }

    @Test
    void errorRateOfTwoAndAHalfPercentIsCaught() {
        // baseline 1.5%: the increase sits at its 1pp limit, so this measures the absolute 2% rule alone
        assertCaught("error rate 2.5% (baseline 1.5%)", BASE.withErrors(0.015), BASE.withErrors(0.025), 5);
    }

    @Test
    void improvementsNeverBlock() {
        Scenario worse = Scenario.of("lognormal sigma 0.8", Scenario.lognormal(150, 0.8), 500)
                .withErrors(0.03).withTimeouts(0.02);
        Scenario better = Scenario.of("lognormal sigma 0.3", Scenario.lognormal(60, 0.3), 500);
        var counts = run(worse, better, 100, 6);
        report("improvement (faster, fewer timeouts and errors)", counts, 100);
        assertThat(counts.getOrDefault(Verdict.BLOCK, 0)).isZero();
    }

    @Test
    void errorIncreaseRuleMeasuredAtTheDefaultRunLength() {
        // zero-error baseline, candidate 2.5% errors: the increase rule and the absolute rule both apply
        int runs = 100;
        var counts = run(BASE, BASE.withErrors(0.025), runs, 7);
        report("error rate 2.5% vs zero-error baseline", counts, runs);
        assertThat(counts.getOrDefault(Verdict.BLOCK, 0)).isGreaterThanOrEqualTo(95);
    }

    @Test
    void exactlyAtTheLimitBlocksAboutAlphaOfTheTimeOrLess() {
        // calibration: a candidate sitting exactly on a limit should BLOCK with probability <= alpha (5%).
        // Scaling latencies moves mean and p95 together, so each case lifts the limits of the other rules.
        int runs = 100;
        var t = Thresholds.DEFAULT;
        Policy[] isolated = {
                withThresholds(new Thresholds(t.meanLatencyRatio(), 100, t.timeoutRate(), t.errorRate(), t.timeoutRateIncrease(), t.errorRateIncrease())),
                withThresholds(new Thresholds(100, t.p95LatencyRatio(), t.timeoutRate(), t.errorRate(), t.timeoutRateIncrease(), t.errorRateIncrease())),
                // timeouts are censored latencies: at 5% they reach the p95, so the latency limits are lifted here
                withThresholds(new Thresholds(100, 100, t.timeoutRate(), t.errorRate(), t.timeoutRateIncrease(), t.errorRateIncrease())),
                POLICY};
        double q90 = 100 * Math.exp(0.5 * 1.2815515655446004);
        var cases = List.of(
                new Scenario[] {BASE, BASE.transformed(x -> x * 2.0)},
                new Scenario[] {BASE, BASE.transformed(x -> x > q90 ? x * 1.5 : x)},
                new Scenario[] {BASE.withTimeouts(0.04), BASE.withTimeouts(0.05)},
                new Scenario[] {BASE.withErrors(0.01), BASE.withErrors(0.02)});
        String[] names = {"mean exactly 2x", "p95 exactly 1.5x (tail only)", "timeout rate exactly 5%", "error rate exactly 2%"};
        for (int i = 0; i < cases.size(); i++) {
            var counts = run(cases.get(i)[0], cases.get(i)[1], runs, 100 + i, isolated[i]);
            report("at the limit: " + names[i], counts, runs);
            assertThat(counts.getOrDefault(Verdict.BLOCK, 0) / (double) runs).isLessThanOrEqualTo(0.10);
        }
    }

    static Policy withThresholds(Thresholds t) {
        var d = Policy.DEFAULT;
        return new Policy(d.alpha(), d.power(), d.detectableFactor(), d.minRequestsPerArm(), d.plannedCandidateShare(),
                d.splitAlpha(), t, d.freeze(), d.capacity());
    }

    static void assertCaught(String what, Scenario baseline, Scenario candidate, long seed) {
        int runs = 200;
        var counts = run(baseline, candidate, runs, seed);
        report(what, counts, runs);
        assertThat(counts.getOrDefault(Verdict.BLOCK, 0) / (double) runs).isGreaterThanOrEqualTo(0.95);
        assertThat(counts.getOrDefault(Verdict.PASS, 0)).isZero();
    }
}
