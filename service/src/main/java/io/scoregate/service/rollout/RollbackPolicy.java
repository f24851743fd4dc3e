package io.scoregate.service.rollout;

import io.scoregate.service.metrics.RecentTraffic;
import io.scoregate.service.metrics.VersionWindow;
import io.scoregate.service.routing.RoutingTable;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether the live candidate must be rolled back, comparing it with the stable version over a
 * sliding window of this instance's traffic. Pure: the clock and the traffic figures are passed in.
 *
 * <p>The window never reaches back before the table's last change ({@code updatedAt}): figures from an
 * earlier rollout of the same candidate must neither trip the guard nor count toward the minimum.
 * Rates are absolute limits (they need only the candidate's requests); latency rules are ratios to the
 * stable version and also need the stable version's minimum. Limits are strict: exactly at a limit holds.
 */
public final class RollbackPolicy {

    private final GuardThresholds limits;
    private final Clock clock;

    public RollbackPolicy(GuardThresholds limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public GuardDecision evaluate(RoutingTable table, RecentTraffic traffic) {
        Optional<String> live = table.liveCandidate();
        if (live.isEmpty()) {
            return new GuardDecision(GuardDecision.Outcome.NO_CANDIDATE, Optional.empty(), Optional.empty(),
                    "no candidate takes traffic", Optional.empty(), Optional.empty());
        }
        String candidate = live.get();
        Duration sinceChange = Duration.between(table.updatedAt(), clock.instant());
        Duration window = sinceChange.compareTo(limits.window()) < 0 ? sinceChange : limits.window();
        if (window.isNegative() || window.isZero()) {
            return insufficient(candidate, "the table changed " + sinceChange.negated().toMillis()
                    + " ms in this instance's future", Optional.empty(), Optional.empty());
        }
        VersionWindow c = traffic.recent(candidate, window);
        VersionWindow s = traffic.recent(table.stable(), window);
        if (c.requests() < limits.minRequests()) {
            return insufficient(candidate, candidate + " has " + c.requests() + " of the " + limits.minRequests()
                    + " requests needed in the last " + seconds(window), Optional.of(c), Optional.of(s));
        }
        if (c.timeoutRate() > limits.maxTimeoutRate()) {
            return breach(candidate, RollbackRule.TIMEOUT_RATE, String.format(Locale.ROOT,
                    "timeout rate %.1f%% > %.1f%% (%d of %d requests)", 100 * c.timeoutRate(),
                    100 * limits.maxTimeoutRate(), c.timeouts(), c.requests()), c, s);
        }
        if (c.errorRate() > limits.maxErrorRate()) {
            return breach(candidate, RollbackRule.ERROR_RATE, String.format(Locale.ROOT,
                    "error rate %.1f%% > %.1f%% (%d of %d requests)", 100 * c.errorRate(),
                    100 * limits.maxErrorRate(), c.errors(), c.requests()), c, s);
        }
        if (s.requests() < limits.minRequests()) {
            return insufficient(candidate, "stable " + table.stable() + " has " + s.requests() + " of the "
                    + limits.minRequests() + " requests needed to compare latency", Optional.of(c), Optional.of(s));
        }
        if (s.meanLatencyMs() > 0 && c.meanLatencyMs() > limits.meanLatencyFactor() * s.meanLatencyMs()) {
            return breach(candidate, RollbackRule.MEAN_LATENCY, String.format(Locale.ROOT,
                    "mean latency %.1f ms > %.2f x stable %.1f ms", c.meanLatencyMs(), limits.meanLatencyFactor(),
                    s.meanLatencyMs()), c, s);
        }
        if (s.p95LatencyMs() > 0 && c.p95LatencyMs() > limits.p95LatencyFactor() * s.p95LatencyMs()) {
            return breach(candidate, RollbackRule.P95_LATENCY, String.format(Locale.ROOT,
                    "p95 latency %.1f ms > %.2f x stable %.1f ms", c.p95LatencyMs(), limits.p95LatencyFactor(),
                    s.p95LatencyMs()), c, s);
        }
        return new GuardDecision(GuardDecision.Outcome.HEALTHY, Optional.of(candidate), Optional.empty(),
                String.format(Locale.ROOT, "%s healthy over %s: mean %.1f ms, p95 %.1f ms, timeouts %.1f%%, "
                                + "errors %.1f%% (stable mean %.1f ms, p95 %.1f ms)", candidate, seconds(window),
                        c.meanLatencyMs(), c.p95LatencyMs(), 100 * c.timeoutRate(), 100 * c.errorRate(),
                        s.meanLatencyMs(), s.p95LatencyMs()), Optional.of(c), Optional.of(s));
    }

    private static GuardDecision insufficient(String candidate, String why, Optional<VersionWindow> c,
                                              Optional<VersionWindow> s) {
        return new GuardDecision(GuardDecision.Outcome.INSUFFICIENT_DATA, Optional.of(candidate), Optional.empty(),
                why, c, s);
    }

    private static GuardDecision breach(String candidate, RollbackRule rule, String numbers, VersionWindow c,
                                        VersionWindow s) {
        return new GuardDecision(GuardDecision.Outcome.BREACH, Optional.of(candidate), Optional.of(rule),
                candidate + " breached " + rule.label() + ": " + numbers + " over " + seconds(c.window()),
                Optional.of(c), Optional.of(s));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
