package io.scoregate.service.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scoregate.contract.Outcome;
import io.scoregate.service.metrics.VersionTrafficWindows;
import io.scoregate.service.routing.RoutingTable;
import io.scoregate.contract.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The policy on real running totals ({@link VersionTrafficWindows}) and a clock moved by hand: lender traffic
 * is simulated request by request, split by the table's weights, with a look every 5 s as the guard ticks.
 */
class RollbackPolicyTest {

    private static final Instant MONDAY = Instant.parse("2026-11-30T09:00:00Z");
    private static final Duration TICK = Duration.ofSeconds(5);
    /** The config defaults: alpha 0.01, warm-up 30 s and 20 requests, p95 1.5x, timeouts 5%, errors 2%. */
    private static final GuardThresholds DEFAULTS = new GuardThresholds(0.01, Duration.ofSeconds(30), 20, 1.5, 0.05,
            0.02);

    private final MutableClock clock = new MutableClock(MONDAY);
    private final VersionTrafficWindows traffic = new VersionTrafficWindows(clock, Duration.ofMinutes(5),
            Duration.ofSeconds(1));
    private final RollbackPolicy policy = new RollbackPolicy(DEFAULTS, clock);

    /** How a version serves its n-th request (counted from 0 for this version in this simulation). */
    @FunctionalInterface
    interface Behaviour {
        Served serve(Random random, long n);
    }

    record Served(Outcome outcome, double latencyMillis) {
    }

    /** About 20 ms of model time, a lognormal spread, and a rare timeout at the 500 ms deadline. */
    private static final Behaviour HEALTHY = (r, n) -> r.nextDouble() < 0.002 ? new Served(Outcome.TIMEOUT, 500)
            : r.nextDouble() < 0.001 ? new Served(Outcome.ERROR, 2)
            : new Served(Outcome.OK, 20 * Math.exp(0.35 * r.nextGaussian()));
    /** The Friday incident at its worst: every request runs into the deadline. */
    private static final Behaviour ALWAYS_TIMES_OUT = (r, n) -> new Served(Outcome.TIMEOUT, 500);
    private static final Behaviour SIX_TIMES_SLOWER = (r, n) ->
            new Served(Outcome.OK, 6 * 20 * Math.exp(0.35 * r.nextGaussian()));

    private static RoutingTable table(long revision, String stable, String candidate, int candidateWeight) {
        return new RoutingTable(revision, stable, Optional.of(candidate),
                Map.of(stable, 100 - candidateWeight, candidate, candidateWeight), MONDAY, "ops", "canary");
    }

    /** The result of a simulated run: the first BREACH (if any), the last decision, and how many looks. */
    record Run(Optional<GuardDecision> breach, GuardDecision last, long looks) {
    }

    /**
     * Lender traffic at {@code perSecond} for {@code length}, each request to the candidate with the table's
     * probability, with a look every 5 s; stops at the first BREACH.
     */
    private Run simulate(RoutingTable table, double perSecond, Duration length, Behaviour stable, Behaviour candidate,
                         long seed) {
        Random random = new Random(seed);
        double share = table.weightOf(table.candidate().orElseThrow()) / 100.0;
        long step = Math.round(1_000_000_000 / perSecond);
        Instant end = clock.instant().plus(length);
        Instant nextLook = clock.instant().plus(TICK);
        long servedByStable = 0;
        long servedByCandidate = 0;
        long looks = 0;
        GuardDecision last = policy.evaluate(table, traffic);
        while (clock.instant().isBefore(end)) {
            clock.advance(Duration.ofNanos(step)); // the next lender request arrives
            if (random.nextDouble() < share) {
                Served s = candidate.serve(random, servedByCandidate++);
                traffic.record(table.candidate().orElseThrow(), s.outcome(), s.latencyMillis());
            } else {
                Served s = stable.serve(random, servedByStable++);
                traffic.record(table.stable(), s.outcome(), s.latencyMillis());
            }
            if (!clock.instant().isBefore(nextLook)) {
                nextLook = nextLook.plus(TICK);
                looks++;
                last = policy.evaluate(table, traffic);
                if (last.breached()) {
                    return new Run(Optional.of(last), last, looks);
                }
            }
        }
        return new Run(Optional.empty(), last, looks);
    }

    /** One candidate request, then a look (5 s later), as at low traffic; the stable serves 19 meanwhile. */
    private GuardDecision oneCandidateRequestThenLook(RoutingTable table, Outcome outcome, double latencyMillis) {
        for (int i = 0; i < 19; i++) {
            traffic.record(table.stable(), Outcome.OK, 20);
        }
        traffic.record(table.candidate().orElseThrow(), outcome, latencyMillis);
        clock.advance(TICK);
        return policy.evaluate(table, traffic);
    }

    @Test
    void shouldHaveNothingToGuardWithoutALiveCandidate() {
        RoutingTable rolledBack = table(9, "v1.2", "v1.3", 0);
        traffic.record("v1.3", Outcome.TIMEOUT, 500);

        assertThat(policy.applied(rolledBack, traffic)).isEqualTo(RollbackPolicy.PhaseChange.NONE);
        assertThat(policy.evaluate(rolledBack, traffic).outcome()).isEqualTo(GuardDecision.Outcome.NO_CANDIDATE);
        assertThat(policy.evaluate(RoutingTable.initial("v1.2", MONDAY), traffic).outcome())
                .isEqualTo(GuardDecision.Outcome.NO_CANDIDATE);
    }

    @Test
    void shouldRollBackACandidateWhoseEveryRequestTimesOutAfterThreeOfThem() {
        RoutingTable canary = table(8, "v1.2", "v1.3", 5);
        policy.applied(canary, traffic);

        // at 2 req/s in all and 5% on v1.3, one candidate request per look is already generous
        assertThat(oneCandidateRequestThenLook(canary, Outcome.TIMEOUT, 500).outcome())
                .isEqualTo(GuardDecision.Outcome.WATCHING);
        assertThat(oneCandidateRequestThenLook(canary, Outcome.TIMEOUT, 500).outcome())
                .isEqualTo(GuardDecision.Outcome.WATCHING);
        GuardDecision third = oneCandidateRequestThenLook(canary, Outcome.TIMEOUT, 500);

        assertThat(third.outcome()).isEqualTo(GuardDecision.Outcome.BREACH);
        assertThat(third.rule()).contains(RollbackRule.TIMEOUT_RATE);
        assertThat(third.candidateRequests()).isEqualTo(3);
        // the operator reads the evidence, not just the verdict
        assertThat(third.reason()).startsWith("v1.3 broke its timeout rate limit (3 candidate and 57 v1.2 requests")
                .contains("timeout rate: 3 of 3 candidate requests against 5%; e-value 1436 >= 300");
        // a crossing is final for the phase: the next look (say, after the store refused the rollback) says so again
        assertThat(policy.evaluate(canary, traffic).breached()).isTrue();
    }

    @Test
    void shouldRollBackTheFridayIncidentWithinFourCandidateRequestsAtLowTraffic() {
        RoutingTable canary = table(8, "v1.2", "v1.3", 5);
        policy.applied(canary, traffic);

        Run run = simulate(canary, 2, Duration.ofMinutes(10), HEALTHY, ALWAYS_TIMES_OUT, 42);

        assertThat(run.breach()).isPresent();
        assertThat(run.breach().get().rule()).contains(RollbackRule.TIMEOUT_RATE);
        assertThat(run.breach().get().candidateRequests()).isBetween(3L, 4L);
    }

    @Test
    void shouldNeverRollBackAHealthyCandidateOverHoursOfLooks() {
        RoutingTable canary = table(8, "v1.2", "v1.3", 5);
        policy.applied(canary, traffic);

        // 6 h at 10 req/s (216,000 requests, about 10,800 on v1.3): 4,320 looks at the same evidence
        Run run = simulate(canary, 10, Duration.ofHours(6), HEALTHY, HEALTHY, 7);

        assertThat(run.breach()).as("%s", run.last().reason()).isEmpty();
        assertThat(run.looks()).isEqualTo(4_320);
        assertThat(run.last().candidateRequests()).isBetween(10_000L, 11_600L);
        // the tail rule was live the whole time, not starved of a baseline bound
        assertThat(run.last().reason()).contains("at or above").doesNotContain("no baseline p95 bound yet");
    }

    @Test
    void shouldLeaveOutAColdStartDuringTheWarmUp() {
        RoutingTable canary = table(8, "v1.2", "v1.3", 10);
        policy.applied(canary, traffic);
        Behaviour coldThenHealthy = (r, n) -> n < 10 ? SIX_TIMES_SLOWER.serve(r, n) : HEALTHY.serve(r, n);

        Run run = simulate(canary, 10, Duration.ofMinutes(20), HEALTHY, coldThenHealthy, 11);

        assertThat(run.breach()).as("%s", run.last().reason()).isEmpty();
    }

    @Test
    void shouldRollBackACandidateThatStaysSixTimesSlowerOnceWarmedUp() {
        RoutingTable canary = table(8, "v1.2", "v1.3", 10);
        policy.applied(canary, traffic);

        Run run = simulate(canary, 10, Duration.ofMinutes(20), HEALTHY, SIX_TIMES_SLOWER, 11);

        assertThat(run.breach()).isPresent();
        GuardDecision breach = run.breach().get();
        assertThat(breach.rule()).contains(RollbackRule.P95_LATENCY);
        assertThat(breach.reason()).contains("p95 latency (tail share)");
        // not before both halves of the warm-up have passed: 30 s (then a look at a batch that began after it)
        // and 20 candidate requests
        assertThat(Duration.between(MONDAY, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(35));
        assertThat(breach.candidateRequests()).isGreaterThan(20);
    }

    @Test
    void shouldStartOverForANewCandidateOrACandidateThatGotWeightAgain() {
        RoutingTable v13 = table(8, "v1.2", "v1.3", 5);
        assertThat(policy.applied(v13, traffic)).isEqualTo(RollbackPolicy.PhaseChange.STARTED);
        oneCandidateRequestThenLook(v13, Outcome.TIMEOUT, 500);
        oneCandidateRequestThenLook(v13, Outcome.TIMEOUT, 500);

        // the operator takes v1.3 off by hand and puts it back: a new phase, the two timeouts are history
        assertThat(policy.applied(table(9, "v1.2", "v1.3", 0), traffic)).isEqualTo(RollbackPolicy.PhaseChange.ENDED);
        RoutingTable again = table(10, "v1.2", "v1.3", 5);
        assertThat(policy.applied(again, traffic)).isEqualTo(RollbackPolicy.PhaseChange.STARTED);
        GuardDecision afterRestart = oneCandidateRequestThenLook(again, Outcome.TIMEOUT, 500);
        assertThat(afterRestart.outcome()).isEqualTo(GuardDecision.Outcome.WATCHING);
        assertThat(afterRestart.candidateRequests()).isEqualTo(1);

        // another candidate: its own phase, nothing of v1.3's
        RoutingTable v14 = table(11, "v1.2", "v1.4", 5);
        assertThat(policy.applied(v14, traffic)).isEqualTo(RollbackPolicy.PhaseChange.STARTED);
        GuardDecision first = oneCandidateRequestThenLook(v14, Outcome.OK, 20);
        assertThat(first.candidate()).contains("v1.4");
        assertThat(first.candidateRequests()).isEqualTo(1);
        assertThat(first.reason()).contains("timeout rate: 0 of 1 candidate requests");
    }

    @Test
    void shouldKeepTheEvidenceWhenTheSameCandidateGetsMoreWeight() {
        RoutingTable five = table(8, "v1.2", "v1.3", 5);
        policy.applied(five, traffic);
        oneCandidateRequestThenLook(five, Outcome.TIMEOUT, 500);
        oneCandidateRequestThenLook(five, Outcome.TIMEOUT, 500);

        RoutingTable twentyFive = table(9, "v1.2", "v1.3", 25);
        assertThat(policy.applied(twentyFive, traffic)).isEqualTo(RollbackPolicy.PhaseChange.KEPT);
        GuardDecision third = oneCandidateRequestThenLook(twentyFive, Outcome.TIMEOUT, 500);

        assertThat(third.outcome()).isEqualTo(GuardDecision.Outcome.BREACH);
        assertThat(third.reason()).contains("3 of 3 candidate requests");
    }

    @Test
    void shouldCountNothingServedBeforeThePhaseStarted() {
        // v1.3 timed out for pinned requests before it got weight: not evidence about this canary
        for (int i = 0; i < 5; i++) {
            traffic.record("v1.3", Outcome.TIMEOUT, 500);
        }
        RoutingTable canary = table(8, "v1.2", "v1.3", 5);
        policy.applied(canary, traffic);

        GuardDecision d = oneCandidateRequestThenLook(canary, Outcome.OK, 20);
        assertThat(d.outcome()).isEqualTo(GuardDecision.Outcome.WATCHING);
        assertThat(d.candidateRequests()).isEqualTo(1);
    }

    @Test
    void shouldNameTheKeyOfAnOutOfRangeSetting() {
        assertThatThrownBy(() -> new GuardThresholds(0.9, Duration.ofSeconds(30), 20, 1.5, 0.05, 0.02))
                .hasMessage("`scoregate.guard.alpha` must be between 1.0E-9 and 0.5, but was 0.9");
        assertThatThrownBy(() -> new GuardThresholds(0.01, Duration.ofSeconds(-1), 20, 1.5, 0.05, 0.02))
                .hasMessageContaining("`scoregate.guard.warmup` must be at least 0s, but was");
        assertThatThrownBy(() -> new GuardThresholds(0.01, Duration.ofSeconds(30), -1, 1.5, 0.05, 0.02))
                .hasMessage("`scoregate.guard.warmup-requests` must be at least 0, but was -1");
        assertThatThrownBy(() -> new GuardThresholds(0.01, Duration.ofSeconds(30), 20, 0.5, 0.05, 0.02))
                .hasMessage("`scoregate.guard.p95-latency-factor` must be between 1.0 and 1000.0, but was 0.5");
        assertThatThrownBy(() -> new GuardThresholds(0.01, Duration.ofSeconds(30), 20, 1.5, 0, 0.02))
                .hasMessage("`scoregate.guard.max-timeout-rate` must be between 1.0E-6 and 0.99, but was 0.0");
    }
}
