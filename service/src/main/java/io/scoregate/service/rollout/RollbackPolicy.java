package io.scoregate.service.rollout;

import io.scoregate.contract.Outcome;
import io.scoregate.evidence.RuleEvidence;
import io.scoregate.evidence.SequentialMonitor;
import io.scoregate.service.metrics.TrafficTotals;
import io.scoregate.service.routing.RoutingTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides whether the live candidate must be rolled back, from anytime-valid evidence on this instance's own
 * traffic since the candidate got weight ({@link CanaryPhase}, {@link SequentialMonitor}). Pure: the clock, the
 * table and the traffic totals are passed in.
 *
 * <p>The phase is a two-state machine, moved only by the table this instance routes by ({@link #applied}):
 * <pre>
 *   IDLE     --table with a live candidate-------------------------------> WATCHING (new phase, new evidence)
 *   WATCHING --same stable and candidate, any weight > 0 ----------------> WATCHING (evidence kept)
 *   WATCHING --another candidate or stable------------------------------> WATCHING (new phase, new evidence)
 *   WATCHING --no live candidate (0%, removed, promoted)----------------> IDLE
 * </pre>
 * A crossing is final for its phase: until the table changes, every look says BREACH again (so a rollback the
 * store refused is retried on the next tick).
 *
 * <p>Not thread-safe: the adapter serializes {@link #applied} and {@link #evaluate}.
 */
public final class RollbackPolicy {

    /** What a table did to the phase; the adapter logs the transitions. */
    public enum PhaseChange {
        /** No candidate before or after. */
        NONE,
        /** A new phase began: the evidence starts from zero. */
        STARTED,
        /** The same candidate against the same stable: the evidence keeps accumulating. */
        KEPT,
        /** The candidate has no weight any more (or the stable changed with no candidate left). */
        ENDED
    }

    private final GuardThresholds thresholds;
    private final Clock clock;
    private Optional<CanaryPhase> phase = Optional.empty();

    public RollbackPolicy(GuardThresholds thresholds, Clock clock) {
        this.thresholds = thresholds;
        this.clock = clock;
    }

    /**
     * This instance now routes by {@code table}: starts, keeps or ends the canary phase. Called when the table is
     * applied, so that the phase's evidence starts with the first request routed by it, not at the next tick.
     */
    public PhaseChange applied(RoutingTable table, TrafficTotals totals) {
        Optional<String> live = table.liveCandidate();
        if (live.isEmpty()) {
            PhaseChange change = phase.isPresent() ? PhaseChange.ENDED : PhaseChange.NONE;
            phase = Optional.empty();
            return change;
        }
        if (phase.isPresent() && phase.get().watches(table.stable(), live.get())) {
            return PhaseChange.KEPT;
        }
        phase = Optional.of(CanaryPhase.start(table.stable(), live.get(), clock.instant(), thresholds, totals));
        return PhaseChange.STARTED;
    }

    /** One look: takes in the traffic since the last one and says whether to roll the candidate back. */
    public GuardDecision evaluate(RoutingTable table, TrafficTotals totals) {
        applied(table, totals); // a table applied without its event (never expected) still starts a phase here
        if (phase.isEmpty()) {
            return new GuardDecision(GuardDecision.Outcome.NO_CANDIDATE, Optional.empty(), Optional.empty(),
                    "no candidate takes traffic", 0, List.of());
        }
        CanaryPhase p = phase.get();
        Instant now = clock.instant();
        boolean crossed = p.look(totals, now);
        SequentialMonitor m = p.monitor();
        List<RuleEvidence> evidence = p.evidence();
        String span = String.format(Locale.ROOT, "%d candidate and %d %s requests in %s", m.candidateRequests(),
                m.baselineRequests(), p.stable(), seconds(p.age(now)));
        if (!crossed) {
            return new GuardDecision(GuardDecision.Outcome.WATCHING, Optional.of(p.candidate()), Optional.empty(),
                    p.candidate() + " within its limits so far (" + span + ", latency evidence from "
                            + m.candidateLatencySamples() + " requests after warm-up): "
                            + evidence.stream().map(RuleEvidence::describe).collect(Collectors.joining("; ")),
                    m.candidateRequests(), evidence);
        }
        SequentialMonitor.Crossing first = m.firstCrossing().orElseThrow();
        RuleEvidence why = evidence.stream().filter(e -> e.rule() == first.rule()).findFirst().orElseThrow();
        return new GuardDecision(GuardDecision.Outcome.BREACH, Optional.of(p.candidate()),
                Optional.of(RollbackRule.of(first.rule())),
                p.candidate() + " broke its " + first.rule().label() + " limit (" + span + "): " + why.describe(),
                m.candidateRequests(), evidence);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
