package io.scoregate.gate.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.scoregate.gate.judge.Policy;
import io.scoregate.gate.judge.Verdict;
import io.scoregate.gate.load.ArmSlot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stepping and deciding end to end on a fake service whose capacities are known (the load is the boundary). */
class CapacityStepperTest {

    /** 50, 62.5, 78.1, ... 12 steps up to about 582 req/s; 1 s per step, so the evidence floor sets the count. */
    static final long FLOOR = SloClassifier.requestsToHold(Policy.DEFAULT.capacity(), Policy.DEFAULT.alpha());
    static final CapacityPlan PLAN = new CapacityPlan(50, 1.25, 100_000, 12, Duration.ofSeconds(1), Duration.ZERO,
            FLOOR);
    final List<String> lines = new ArrayList<>();

    CapacityVerdict run(SaturatingService service, String baseline, String candidate) throws Exception {
        var run = new CapacityStepper(PLAN, Policy.DEFAULT, service, lines::add).run(baseline, candidate);
        return CapacityDecision.decide(run, baseline, candidate, Policy.DEFAULT.capacity());
    }

    @Test
    void aCandidateWithATenthOfTheBaselinesCapacityIsBlockedWithItsEvidence() throws Exception {
        var service = new SaturatingService(Map.of("v1.2", 400.0, "v1.3", 40.0), Double.MAX_VALUE);

        var v = run(service, "v1.2", "v1.3");

        assertThat(v.verdict()).isEqualTo(Verdict.BLOCK);
        // 40 is below the first rate: the candidate failed at 50 and never ran again
        assertThat(v.candidate().failedAt()).hasValue(50);
        assertThat(v.candidate().sustained()).isEmpty();
        assertThat(service.calls.stream().filter(c -> c.role() == ArmSlot.Arm.CANDIDATE)).hasSize(1);
        // the baseline went on until it failed too: its last sustained rate is the highest step at or under 400
        assertThat(v.baseline().sustained().getAsDouble()).isBetween(320.0, 400.0);
        assertThat(v.baseline().failedAt().getAsDouble()).isGreaterThan(400);
        assertThat(v.stop()).isEqualTo(StopReason.BOTH_FAILED);
        assertThat(v.reasons().get(0)).startsWith("Candidate v1.3 failed its capacity SLO at 50 req/s while baseline "
                + "v1.2 sustained");
        assertThat(v.reasons().get(1)).startsWith("Evidence: v1.3 at 50 req/s:");
    }

    @Test
    void twoVersionsOfTheSameCapacityPass() throws Exception {
        var service = new SaturatingService(Map.of("v1.2", 200.0, "v1.3", 200.0), Double.MAX_VALUE);

        var v = run(service, "v1.2", "v1.3");

        assertThat(v.verdict()).as(String.join("\n", v.reasons())).isEqualTo(Verdict.PASS);
        assertThat(v.baseline().sustained()).isEqualTo(v.candidate().sustained());
        assertThat(v.ratio()).hasValue(1.0);
        assertThat(v.stop()).isEqualTo(StopReason.BOTH_FAILED);
    }

    @Test
    void aGeneratorThatFallsBehindFirstLeavesOnlyLowerBounds() throws Exception {
        var service = new SaturatingService(Map.of("v1.2", 5000.0, "v1.3", 5000.0), 150);

        var v = run(service, "v1.2", "v1.3");

        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.lowerBoundsOnly()).isTrue();
        assertThat(v.stop()).isEqualTo(StopReason.GENERATOR_BEHIND);
        assertThat(v.reasons().get(0)).contains("The load generator, not the service, ran out at 153 req/s")
                .contains("only lower bounds").contains("at least 122 req/s");
        assertThat(v.reasons()).anyMatch(r -> r.contains("could not keep to its schedule"));
        // nothing ran past the step where the generator fell behind
        assertThat(service.calls.get(service.calls.size() - 1).rate()).isEqualTo(v.steps().get(v.steps().size() - 1)
                .ratePerSecond());
    }

    @Test
    void aCandidateThatFailedBeforeTheGeneratorFellBehindIsStillBlocked() throws Exception {
        var service = new SaturatingService(Map.of("v1.2", 5000.0, "v1.3", 60.0), 150);

        var v = run(service, "v1.2", "v1.3");

        assertThat(v.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(v.stop()).isEqualTo(StopReason.GENERATOR_BEHIND);
        assertThat(v.candidate().failedAt()).hasValue(62.5);
    }

    @Test
    void bothHoldingEveryRateUpToTheCeilingPasses() throws Exception {
        var plan = new CapacityPlan(50, 2, 300, 12, Duration.ofSeconds(1), Duration.ZERO, FLOOR);
        var service = new SaturatingService(Map.of("v1.2", 5000.0, "v1.3", 5000.0), Double.MAX_VALUE);

        var run = new CapacityStepper(plan, Policy.DEFAULT, service, lines::add).run("v1.2", "v1.3");
        var v = CapacityDecision.decide(run, "v1.2", "v1.3", Policy.DEFAULT.capacity());

        assertThat(plan.rates()).containsExactly(50.0, 100.0, 200.0, 300.0);
        assertThat(v.verdict()).isEqualTo(Verdict.PASS);
        assertThat(v.stop()).isEqualTo(StopReason.MAX_RATE);
        assertThat(v.reasons().get(0)).contains("sustained 300 req/s").contains("the highest rate tried (300 req/s)");
        assertThat(v.steps()).allMatch(s -> s.judged().isPresent());
    }

    @Test
    void theVersionsAlternateWhoGoesFirstAndEachRunHasTheJudgesMinimum() throws Exception {
        var service = new SaturatingService(Map.of("v1.2", 100.0, "v1.3", 100.0), Double.MAX_VALUE);

        run(service, "v1.2", "v1.3");

        assertThat(service.calls.subList(0, 4)).extracting(SaturatingService.Call::role).containsExactly(
                ArmSlot.Arm.BASELINE, ArmSlot.Arm.CANDIDATE, ArmSlot.Arm.CANDIDATE, ArmSlot.Arm.BASELINE);
        assertThat(service.calls).allMatch(c -> c.count() >= Policy.DEFAULT.minRequestsPerArm() && c.count() >= FLOOR);
        assertThat(lines).anyMatch(l -> l.startsWith("step 1/12 baseline v1.2 at 50 req/s: p95"));
    }

    @Test
    void aSingleStallOfTheGeneratorIsRunAgainNotTakenForItsLimit() throws Exception {
        // call 2 is step 2's candidate run: it stalls once, then runs
        var service = new SaturatingService(Map.of("v1.2", 400.0, "v1.3", 40.0), Double.MAX_VALUE).stallingAtCall(2);
        var stalled = new SaturatingService(Map.of("v1.2", 400.0, "v1.3", 400.0), Double.MAX_VALUE).stallingAtCall(2);

        var v = run(stalled, "v1.2", "v1.3");

        assertThat(stalled.calls.get(2)).isEqualTo(stalled.calls.get(3));
        assertThat(v.stop()).isEqualTo(StopReason.BOTH_FAILED);
        assertThat(v.verdict()).isEqualTo(Verdict.PASS);
        assertThat(lines).anyMatch(l -> l.equals("The load generator fell behind at 62.5 req/s (v1.3); running it once "
                + "more."));
        assertThat(run(service, "v1.2", "v1.3").verdict()).isEqualTo(Verdict.BLOCK);
    }

    @Test
    void anAaRunOfOneVersionIsNotBlocked() throws Exception {
        var service = new SaturatingService(Map.of("v1.2", 250.0), Double.MAX_VALUE);

        var v = run(service, "v1.2", "v1.2");

        assertThat(v.verdict()).isEqualTo(Verdict.PASS);
    }
}
