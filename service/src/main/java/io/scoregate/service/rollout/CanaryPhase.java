package io.scoregate.service.rollout;

import io.scoregate.evidence.ArmBatch;
import io.scoregate.evidence.RuleEvidence;
import io.scoregate.evidence.SequentialMonitor;
import io.scoregate.service.metrics.TrafficTotals;
import io.scoregate.service.metrics.VersionTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One canary phase on this instance: a candidate watched against the stable version from the moment this
 * instance applied a table giving the candidate weight, across weight changes of the same pair. Each look takes
 * in what both versions served since the previous one (differences of the running totals) and asks the
 * {@link SequentialMonitor}; the monitor's guarantee (alpha per phase) holds however many looks there are.
 *
 * <p>Warm-up: a batch's candidate latencies count only when, before the batch, the phase had already seen
 * {@code warmupRequests} candidate requests and the batch began at least {@code warmup} after the start; so a
 * batch that straddles the end of the warm-up is left out whole (the cautious side). Timeouts and errors always
 * count. Not thread-safe: its {@link RollbackPolicy}'s owner serializes.
 */
final class CanaryPhase {

    private final String stable;
    private final String candidate;
    private final Instant startedAt;
    private final GuardThresholds thresholds;
    private final SequentialMonitor monitor;
    private VersionTotals lastStable;
    private VersionTotals lastCandidate;
    private Instant lastLook;

    private CanaryPhase(String stable, String candidate, Instant startedAt, GuardThresholds thresholds,
                        TrafficTotals totals) {
        this.stable = stable;
        this.candidate = candidate;
        this.startedAt = startedAt;
        this.thresholds = thresholds;
        this.monitor = new SequentialMonitor(thresholds.limits());
        this.lastStable = totals.totals(stable);
        this.lastCandidate = totals.totals(candidate);
        this.lastLook = startedAt;
    }

    /** Starts watching now: only what the two versions serve from here on is evidence. */
    static CanaryPhase start(String stable, String candidate, Instant now, GuardThresholds thresholds,
                             TrafficTotals totals) {
        return new CanaryPhase(stable, candidate, now, thresholds, totals);
    }

    boolean watches(String stableVersion, String candidateVersion) {
        return stable.equals(stableVersion) && candidate.equals(candidateVersion);
    }

    String stable() {
        return stable;
    }

    String candidate() {
        return candidate;
    }

    /** Takes in what both versions served since the last look, then looks; true once any rule has crossed. */
    boolean look(TrafficTotals totals, Instant now) {
        boolean countLatency = warmedUp();
        VersionTotals s = totals.totals(stable);
        VersionTotals c = totals.totals(candidate);
        ArmBatch baseline = s.since(lastStable);
        ArmBatch canary = c.since(lastCandidate);
        monitor.addBaseline(baseline);
        monitor.addCandidate(canary, countLatency);
        lastStable = s;
        lastCandidate = c;
        if (now.isAfter(lastLook)) {
            lastLook = now;
        }
        return monitor.look();
    }

    private boolean warmedUp() {
        return monitor.candidateRequests() >= thresholds.warmupRequests()
                && !lastLook.isBefore(startedAt.plus(thresholds.warmup()));
    }

    SequentialMonitor monitor() {
        return monitor;
    }

    List<RuleEvidence> evidence() {
        return monitor.evidence();
    }

    Duration age(Instant now) {
        Duration d = Duration.between(startedAt, now);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
