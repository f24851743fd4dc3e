package io.scoregate.gate.rollout;

import java.time.Instant;
import java.util.Optional;

/**
 * One line of a rollout's or rollback's story, for the console and the reports: when, in which state, at
 * which candidate weight and routing revision, what was measured (if anything) and what happened.
 */
public record TimelineEntry(Instant at, RolloutState state, int candidateWeight, long revision,
                            Optional<ArmNumbers> stable, Optional<ArmNumbers> candidate, String note) {

    /** The live numbers of one version over the part of the step measured so far. */
    public record ArmNumbers(String version, long requests, double meanMs, double p95Ms, double timeoutRate,
                             double errorRate) {
    }
}
