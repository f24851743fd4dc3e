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
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rollout at the traffic lenders really send: 5 requests/s over three instances, the default settings of
 * {@code ci-gate rollout} (steps 5, 25, 50, 100; holds 10, 10, 15 min; a look every 10 s; warm-up 30 s and 20
 * requests; steps catch a 50% timeout rate; at most 1 h per step), on a fake clock and the real driver, judge
 * and histogram code. Prints {@code SIM} lines with the figures the README quotes.
 */
class RolloutSimulationTest {

    private static final Instant TUESDAY = Instant.parse("2026-11-24T07:00:00Z");

    private final List<String> lines = new ArrayList<>();

    private RolloutOutcome run(MutableClock clock, FakeFleet fleet) throws InterruptedException {
        var live = new LiveJudge(fleet, Judge.standard());
        var rollback = new RollbackProcedure(fleet, live, Notifier.NONE, Policy.DEFAULT, clock, clock::advance);
        var driver = new RolloutDriver(fleet, live, rollback, Policy.DEFAULT, clock, clock::advance,
                e -> lines.add(e.at() + " " + e.state() + " " + e.candidateWeight() + " " + e.note()));
        return driver.run(defaults(fleet));
    }

    /** What {@code ci-gate rollout --targets ... --candidate v1.3} plans with no other flag. */
    private static RolloutPlan defaults(FakeFleet fleet) {
        var holds = List.of(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(15));
        return new RolloutPlan(fleet.targets, "v1.3", List.of(5, 25, 50, 100), holds, Duration.ofSeconds(10),
                List.of(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1)), Warmup.DEFAULT,
                RolloutPlan.DEFAULT_STEP_DETECTABLE_RATE, RolloutPlan.Resume.CONTINUE, Duration.ofSeconds(10),
                Optional.empty());
    }

    @Test
    void shouldPromoteAHealthyCandidateAtFiveRequestsPerSecondInUnderFortyMinutes() throws Exception {
        var clock = new MutableClock(TUESDAY);
        var fleet = new FakeFleet(clock, 3, 5, "v1.2").behave("v1.2", 24, 0.3, 0.001).behave("v1.3", 24, 0.3, 0.001);

        var outcome = run(clock, fleet);

        Duration took = Duration.between(TUESDAY, clock.instant());
        System.out.printf("SIM rollout healthy, 5 req/s, defaults: %s after %d min %d s, %d v1.3 requests%n",
                outcome.end(), took.toMinutes(), took.toSecondsPart(), fleet.served("v1.3"));
        assertThat(outcome.end()).as(String.join("\n", lines)).isEqualTo(End.PROMOTED);
        assertThat(took).isLessThan(Duration.ofMinutes(40));
    }

    @Test
    void shouldRollBackTheFridaysCandidateAtFivePercentAfterAFewOfItsRequests() throws Exception {
        var clock = new MutableClock(TUESDAY);
        // the Friday's v1.3: 700 ms added to every request and a 500 ms deadline: every request times out
        var fleet = new FakeFleet(clock, 3, 5, "v1.2").behave("v1.2", 24, 0.3, 0.001).behave("v1.3", 724, 0.2, 1.0);

        var outcome = run(clock, fleet);

        long served = fleet.served("v1.3");
        Duration took = Duration.between(TUESDAY, clock.instant());
        System.out.printf("SIM rollout Friday v1.3, 5 req/s, defaults: %s after %d s, %d v1.3 requests served%n",
                outcome.end(), took.toSeconds(), served);
        assertThat(outcome.end()).as(String.join("\n", lines)).isEqualTo(End.ROLLED_BACK_REGRESSION);
        assertThat(fleet.weights).containsEntry("v1.3", 0);
        assertThat(served).as(String.join("\n", lines)).isLessThanOrEqualTo(15);
        assertThat(outcome.reason()).contains("timeout rate").contains("e-value");
    }
}
