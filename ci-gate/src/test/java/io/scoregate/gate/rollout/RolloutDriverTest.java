package io.scoregate.gate.rollout;

import io.scoregate.contract.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.scoregate.gate.judge.Judge;
import io.scoregate.gate.judge.Policy;
import io.scoregate.gate.rollout.RolloutOutcome.End;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RolloutDriverTest {

    // A Tuesday morning in Nairobi: no freeze.
    private static final Instant TUESDAY = Instant.parse("2026-11-24T07:00:00Z");
    private static final Instant FRIDAY_EVENING = Instant.parse("2026-11-27T15:06:00Z"); // 18:06 Nairobi

    private final List<String> lines = new ArrayList<>();

    private RolloutOutcome run(MutableClock clock, FakeFleet fleet, RolloutPlan plan) throws InterruptedException {
        var live = new LiveJudge(fleet, Judge.standard());
        var rollback = new RollbackProcedure(fleet, live, Notifier.NONE, Policy.DEFAULT, clock, clock::advance);
        var driver = new RolloutDriver(fleet, live, rollback, Policy.DEFAULT, clock, clock::advance,
                e -> lines.add(e.state() + " " + e.candidateWeight() + " " + e.note()));
        return driver.run(plan);
    }

    private static RolloutPlan plan(FakeFleet fleet, RolloutPlan.Resume resume) {
        return new RolloutPlan(fleet.targets, "v1.3", List.of(5, 25, 50, 100),
                List.of(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(15)), Duration.ofSeconds(60),
                2, resume, Duration.ofSeconds(10), Optional.empty());
    }

    @Test
    void promotesAHealthyCandidateThroughEveryStep() throws Exception {
        var clock = new MutableClock(TUESDAY);
        var fleet = new FakeFleet(clock, 3, 50, "v1.2").behave("v1.2", 100, 0.3, 0).behave("v1.3", 100, 0.3, 0);

        var outcome = run(clock, fleet, plan(fleet, RolloutPlan.Resume.CONTINUE));

        assertThat(outcome.end()).as(String.join("\n", lines)).isEqualTo(End.PROMOTED);
        assertThat(fleet.stable).isEqualTo("v1.3");
        assertThat(fleet.weights).containsEntry("v1.3", 100);
        assertThat(fleet.writes).extracting(w -> w.weights().get("v1.3")).containsExactly(5, 25, 50, 100);
        // every instance applies the final table
        fleet.targets.forEach(t -> assertThat(fleet.applied(t)).isEqualTo(fleet.revision));
        // the holds were spent: 10 + 10 + 15 minutes at least
        assertThat(clock.instant()).isAfterOrEqualTo(TUESDAY.plus(Duration.ofMinutes(35)));
    }

    @Test
    void rollsBackASlowCandidateAtTheFirstStepWithoutWaitingOutTheHold() throws Exception {
        var clock = new MutableClock(TUESDAY);
        // the incident's v1.3: 6-10x slower, with timeouts
        var fleet = new FakeFleet(clock, 3, 50, "v1.2").behave("v1.2", 100, 0.3, 0).behave("v1.3", 750, 0.2, 0.3);

        var outcome = run(clock, fleet, plan(fleet, RolloutPlan.Resume.CONTINUE));

        assertThat(outcome.end()).as(String.join("\n", lines)).isEqualTo(End.ROLLED_BACK_REGRESSION);
        assertThat(fleet.stable).isEqualTo("v1.2");
        assertThat(fleet.weights).containsEntry("v1.2", 100).containsEntry("v1.3", 0);
        assertThat(fleet.writes).extracting(w -> w.weights().get("v1.3")).containsExactly(5, 0);
        assertThat(outcome.lastJudgement()).isPresent();
        assertThat(outcome.reason()).contains("At 5%");
        assertThat(clock.instant()).isBefore(TUESDAY.plus(Duration.ofMinutes(10)));
    }

    @Test
    void resumesWhereTheStoreSaysTheRolloutStands() throws Exception {
        var clock = new MutableClock(TUESDAY);
        var fleet = new FakeFleet(clock, 2, 50, "v1.2").behave("v1.3", 10, 0.3, 0);
        fleet.set("v1.2", Optional.of("v1.3"), Map.of("v1.2", 75, "v1.3", 25)); // a CI job died at 25%

        var outcome = run(clock, fleet, plan(fleet, RolloutPlan.Resume.CONTINUE));

        assertThat(outcome.end()).isEqualTo(End.PROMOTED);
        assertThat(lines.get(0)).contains("resuming at step 25%");
        assertThat(fleet.writes).extracting(w -> w.weights().get("v1.3")).containsExactly(50, 100);
    }

    @Test
    void abortsAnUnfinishedRolloutWhenToldTo() throws Exception {
        var clock = new MutableClock(TUESDAY);
        var fleet = new FakeFleet(clock, 2, 50, "v1.2");
        fleet.set("v1.2", Optional.of("v1.3"), Map.of("v1.2", 50, "v1.3", 50));

        var outcome = run(clock, fleet, plan(fleet, RolloutPlan.Resume.ABORT));

        assertThat(outcome.end()).isEqualTo(End.ROLLED_BACK_ON_REQUEST);
        assertThat(fleet.weights).containsEntry("v1.3", 0).containsEntry("v1.2", 100);
    }

    @Test
    void changesNothingInsideAFreezeWindow() throws Exception {
        var clock = new MutableClock(FRIDAY_EVENING);
        var fleet = new FakeFleet(clock, 2, 50, "v1.2");

        var outcome = run(clock, fleet, plan(fleet, RolloutPlan.Resume.CONTINUE));

        assertThat(outcome.end()).isEqualTo(End.FROZEN_BEFORE_START);
        assertThat(outcome.reason()).contains("frozen").contains("Nothing was changed");
        assertThat(fleet.writes).isEmpty();
    }

    @Test
    void rollsBackWhenAFreezeBeginsPartWay() throws Exception {
        // 14:40 Nairobi on a Friday: the 5% step is held, then the freeze starts at 15:00
        var clock = new MutableClock(Instant.parse("2026-11-27T11:40:00Z"));
        var fleet = new FakeFleet(clock, 2, 50, "v1.2").behave("v1.3", 10, 0.3, 0);

        var outcome = run(clock, fleet, plan(fleet, RolloutPlan.Resume.CONTINUE));

        assertThat(outcome.end()).as(String.join("\n", lines)).isEqualTo(End.ROLLED_BACK_FREEZE);
        assertThat(fleet.weights).containsEntry("v1.3", 0);
    }

    @Test
    void refusesToStartWhileAnotherCandidateIsOut() throws Exception {
        var clock = new MutableClock(TUESDAY);
        var fleet = new FakeFleet(clock, 2, 50, "v1.2");
        fleet.set("v1.2", Optional.of("v1.4"), Map.of("v1.2", 95, "v1.4", 5));

        var outcome = run(clock, fleet, plan(fleet, RolloutPlan.Resume.CONTINUE));

        assertThat(outcome.end()).isEqualTo(End.REFUSED);
        assertThat(outcome.reason()).contains("v1.4 is being rolled out (5%)");
        assertThat(fleet.writes).isEmpty();
    }

    @Test
    void failsAndNamesTheInstanceThatDidNotApplyAStep() throws Exception {
        var clock = new MutableClock(TUESDAY);
        var fleet = new FakeFleet(clock, 3, 50, "v1.2");
        fleet.laggards.add(fleet.targets.get(2));

        var outcome = run(clock, fleet, plan(fleet, RolloutPlan.Resume.CONTINUE));

        assertThat(outcome.end()).isEqualTo(End.FAILED);
        assertThat(outcome.reason()).contains("instance-2").contains("did not reach every instance");
    }

    @Test
    void holdsOnAtLowTrafficAndRollsBackOnlyWhenTheMaximumHoldEndsWithoutEvidence() throws Exception {
        var clock = new MutableClock(TUESDAY);
        // one request every five seconds: 5% of it is a candidate request every 100 s, and the 20-request warm-up
        // alone outlasts the 30-minute maximum hold (10 min x (1 + 2 extra holds))
        var fleet = new FakeFleet(clock, 1, 0.2, "v1.2");

        var outcome = run(clock, fleet, plan(fleet, RolloutPlan.Resume.CONTINUE));

        assertThat(outcome.end()).isEqualTo(End.ROLLED_BACK_INCONCLUSIVE);
        assertThat(outcome.reason()).contains("within the maximum hold of 1800 s");
        // held past the 10-minute hold while nothing was wrong, then gave up at the maximum
        assertThat(lines).anyMatch(l -> l.contains("Warming up"));
        assertThat(clock.instant()).isAfterOrEqualTo(TUESDAY.plus(Duration.ofMinutes(30)));
        assertThat(fleet.weights).containsEntry("v1.3", 0);
    }

    @Test
    void stopsWhenAnInstancesGuardRollsTheCandidateBackFirst() throws Exception {
        var clock = new MutableClock(TUESDAY);
        var fleet = new FakeFleet(clock, 2, 50, "v1.2");
        fleet.guardFiresAt = Optional.of(TUESDAY.plus(Duration.ofSeconds(30)));

        var outcome = run(clock, fleet, plan(fleet, RolloutPlan.Resume.CONTINUE));

        assertThat(outcome.end()).isEqualTo(End.ROLLED_BACK_REGRESSION);
        assertThat(outcome.reason()).contains("changed during the 5% hold").contains("by guard@instance-1")
                .contains("rolled back by someone else");
        assertThat(fleet.writes).extracting(w -> w.weights().get("v1.3")).containsExactly(5);
    }

    @Test
    void promotingTheStableVersionIsANoOp() throws Exception {
        var clock = new MutableClock(TUESDAY);
        var fleet = new FakeFleet(clock, 1, 50, "v1.3");

        var outcome = run(clock, fleet, plan(fleet, RolloutPlan.Resume.CONTINUE));

        assertThat(outcome.end()).isEqualTo(End.ALREADY_STABLE);
        assertThat(fleet.writes).isEmpty();
    }
}
