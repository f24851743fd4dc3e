package io.scoregate.gate.rollout;

import io.scoregate.gate.window.FreezeOverride;
import io.scoregate.gate.judge.Judgement;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything a release manager or the on-call engineer reads about one {@code rollout} or {@code rollback}
 * run; the report writers only format it.
 *
 * @param command  "rollout" or "rollback"
 * @param outcome  the closed label of how it ended (a {@link RolloutOutcome.End} or {@link RollbackProcedure.End})
 * @param exitCode the process exit code that goes with it
 */
public record RolloutReport(String command, String outcome, int exitCode, String reason, Optional<String> candidate,
                            String stableAfter, List<URI> targets, Instant startedAt, Instant finishedAt,
                            Optional<FreezeOverride> override, List<TimelineEntry> timeline,
                            Optional<Judgement> lastJudgement, List<RollbackProcedure.Step> rollbackSteps) {

    public RolloutReport {
        targets = List.copyOf(targets);
        timeline = List.copyOf(timeline);
        rollbackSteps = List.copyOf(rollbackSteps);
    }
}
