package io.scoregate.service.rollout;

import io.scoregate.service.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.scoregate.service.metrics.RecentTraffic;
import io.scoregate.service.metrics.VersionWindow;
import io.scoregate.service.routing.RoutingTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RollbackPolicyTest {

    private static final Instant CHANGED = Instant.parse("2026-11-27T18:06:00Z");
    private static final GuardThresholds DEFAULTS = new GuardThresholds(Duration.ofSeconds(60), 20, 2.0, 1.5, 0.05,
            0.02);

    private MutableClock clock;
    private FakeTraffic traffic;
    private RollbackPolicy policy;
    private final RoutingTable canary = new RoutingTable(8, "v1.2", Optional.of("v1.3"),
            Map.of("v1.2", 95, "v1.3", 5), CHANGED, "ops", "canary 5%");

    /** Answers fixed figures per version and remembers the windows it was asked for. */
    static final class FakeTraffic implements RecentTraffic {
        final Map<String, long[]> counts = new HashMap<>();   // requests, timeouts, errors
        final Map<String, double[]> latency = new HashMap<>(); // mean, p95
        final List<Duration> askedWindows = new ArrayList<>();

        void set(String version, long requests, long timeouts, long errors, double mean, double p95) {
            counts.put(version, new long[] {requests, timeouts, errors});
            latency.put(version, new double[] {mean, p95});
        }

        @Override
        public VersionWindow recent(String version, Duration window) {
            askedWindows.add(window);
            long[] c = counts.getOrDefault(version, new long[3]);
            double[] l = latency.getOrDefault(version, new double[2]);
            return new VersionWindow(version, window, c[0], c[0] - c[1] - c[2], c[1], c[2], l[0], l[1]);
        }
    }

    @BeforeEach
    void setUp() {
        clock = new MutableClock(CHANGED);
        traffic = new FakeTraffic();
        policy = new RollbackPolicy(DEFAULTS, clock);
        traffic.set("v1.2", 1000, 0, 0, 100.0, 130.0); // the incident's baseline: ~100 ms
    }

    @Test
    void shouldHaveNothingToGuardWithoutALiveCandidate() {
        RoutingTable rolledBack = new RoutingTable(9, "v1.2", Optional.of("v1.3"), Map.of("v1.2", 100, "v1.3", 0),
                CHANGED, "guard", "rolled back");
        traffic.set("v1.3", 1000, 800, 0, 800, 890);
        clock.advance(Duration.ofMinutes(5));
        assertThat(policy.evaluate(rolledBack, traffic).outcome()).isEqualTo(GuardDecision.Outcome.NO_CANDIDATE);
        assertThat(policy.evaluate(RoutingTable.initial("v1.2", CHANGED), traffic).outcome())
                .isEqualTo(GuardDecision.Outcome.NO_CANDIDATE);
    }

    @Test
    void shouldNotActBelowTheMinimumRequestsAndActAtIt() {
        clock.advance(Duration.ofSeconds(30));
        traffic.set("v1.3", 19, 19, 0, 750, 890); // every request timed out, but only 19 of 20
        assertThat(policy.evaluate(canary, traffic).outcome()).isEqualTo(GuardDecision.Outcome.INSUFFICIENT_DATA);
        assertThat(policy.evaluate(canary, traffic).reason()).contains("19 of the 20");

        traffic.set("v1.3", 20, 20, 0, 750, 890);
        GuardDecision d = policy.evaluate(canary, traffic);
        assertThat(d.outcome()).isEqualTo(GuardDecision.Outcome.BREACH);
        assertThat(d.rule()).contains(RollbackRule.TIMEOUT_RATE);
        assertThat(d.reason()).contains("timeout rate 100.0% > 5.0% (20 of 20 requests)");
    }

    @Test
    void shouldOnlyLookAtTrafficSinceTheTableChanged() {
        // 10 s after the change the window is 10 s, not the configured 60 s
        clock.advance(Duration.ofSeconds(10));
        traffic.set("v1.3", 100, 0, 0, 100, 130);
        policy.evaluate(canary, traffic);
        assertThat(traffic.askedWindows).containsOnly(Duration.ofSeconds(10));

        // five minutes later the configured window caps it
        traffic.askedWindows.clear();
        clock.advance(Duration.ofMinutes(5));
        policy.evaluate(canary, traffic);
        assertThat(traffic.askedWindows).containsOnly(Duration.ofSeconds(60));
    }

    @Test
    void shouldNotActOnATableFromThisInstancesFuture() {
        clock.advance(Duration.ofSeconds(-2)); // another instance's clock runs ahead
        traffic.set("v1.3", 100, 100, 0, 750, 890);
        assertThat(policy.evaluate(canary, traffic).outcome()).isEqualTo(GuardDecision.Outcome.INSUFFICIENT_DATA);
    }

    @Test
    void shouldHoldExactlyAtEachLimitAndBreachJustAbove() {
        clock.advance(Duration.ofSeconds(60));
        // timeout rate exactly 5% (5 of 100): holds; 6%: breach
        traffic.set("v1.3", 100, 5, 0, 100, 130);
        assertThat(policy.evaluate(canary, traffic).outcome()).isEqualTo(GuardDecision.Outcome.HEALTHY);
        traffic.set("v1.3", 100, 6, 0, 100, 130);
        assertThat(policy.evaluate(canary, traffic).rule()).contains(RollbackRule.TIMEOUT_RATE);

        // error rate exactly 2%: holds; 3%: breach
        traffic.set("v1.3", 100, 0, 2, 100, 130);
        assertThat(policy.evaluate(canary, traffic).outcome()).isEqualTo(GuardDecision.Outcome.HEALTHY);
        traffic.set("v1.3", 100, 0, 3, 100, 130);
        assertThat(policy.evaluate(canary, traffic).rule()).contains(RollbackRule.ERROR_RATE);

        // mean exactly 2 x 100 ms: holds; 200.1 ms: breach
        traffic.set("v1.3", 100, 0, 0, 200.0, 130);
        assertThat(policy.evaluate(canary, traffic).outcome()).isEqualTo(GuardDecision.Outcome.HEALTHY);
        traffic.set("v1.3", 100, 0, 0, 200.1, 130);
        GuardDecision mean = policy.evaluate(canary, traffic);
        assertThat(mean.rule()).contains(RollbackRule.MEAN_LATENCY);
        assertThat(mean.reason()).contains("mean latency 200.1 ms > 2.00 x stable 100.0 ms");

        // p95 exactly 1.5 x 130 = 195 ms: holds; 195.1 ms: breach
        traffic.set("v1.3", 100, 0, 0, 120, 195.0);
        assertThat(policy.evaluate(canary, traffic).outcome()).isEqualTo(GuardDecision.Outcome.HEALTHY);
        traffic.set("v1.3", 100, 0, 0, 120, 195.1);
        assertThat(policy.evaluate(canary, traffic).rule()).contains(RollbackRule.P95_LATENCY);
    }

    @Test
    void shouldNotCompareLatencyAgainstAStableVersionWithTooFewRequests() {
        clock.advance(Duration.ofSeconds(60));
        traffic.set("v1.2", 5, 0, 0, 100, 130);
        traffic.set("v1.3", 100, 0, 0, 900, 990);
        GuardDecision d = policy.evaluate(canary, traffic);
        assertThat(d.outcome()).isEqualTo(GuardDecision.Outcome.INSUFFICIENT_DATA);
        assertThat(d.reason()).contains("stable v1.2 has 5 of the 20 requests needed to compare latency");
    }

    @Test
    void shouldRollBackTheFridayIncident() {
        // v1.3 at 680-890 ms with 80% timeouts against v1.2 at 90-120 ms, one minute in
        clock.advance(Duration.ofMinutes(1));
        traffic.set("v1.3", 50, 40, 0, 790, 890);
        GuardDecision d = policy.evaluate(canary, traffic);
        assertThat(d.breached()).isTrue();
        assertThat(d.candidate()).contains("v1.3");
        assertThat(d.candidateWindow()).isPresent();
        assertThat(d.stableWindow()).isPresent();
    }
}
