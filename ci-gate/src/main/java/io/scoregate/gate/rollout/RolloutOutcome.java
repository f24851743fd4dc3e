package io.scoregate.gate.rollout;

import io.scoregate.gate.judge.Judgement;
import java.util.List;
import java.util.Optional;

/**
 * How a rollout ended, in words and numbers: the end, the stable version afterwards, the story, the last
 * judgement (the numbers behind a rollback) and the rollback's runbook steps if one ran.
 */
public record RolloutOutcome(End end, String reason, String stableAfter, List<TimelineEntry> timeline,
                             Optional<Judgement> lastJudgement, List<RollbackProcedure.Step> rollbackSteps) {

    /** The closed set of ways a rollout ends; the CLI maps each to an exit code. */
    public enum End {
        PROMOTED,
        ALREADY_STABLE,
        ROLLED_BACK_REGRESSION,
        ROLLED_BACK_INCONCLUSIVE,
        ROLLED_BACK_FREEZE,
        ROLLED_BACK_ON_REQUEST,
        FROZEN_BEFORE_START,
        REFUSED,
        FAILED
    }

    public RolloutOutcome {
        timeline = List.copyOf(timeline);
        rollbackSteps = List.copyOf(rollbackSteps);
    }
}
