package io.scoregate.gate.rollout;

import io.scoregate.gate.window.FreezeOverride;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A canary rollout: the candidate's weight steps through {@code steps} (the last is always 100, which
 * makes it the stable version), each step but the last held for its {@code holds} entry while the live
 * numbers are judged every {@code checkInterval}.
 *
 * @param resume        what to do when the store shows this candidate already part-way (a CI job died)
 * @param maxExtraHolds how many more holds an INCONCLUSIVE step gets before the rollout gives up and rolls back
 */
public record RolloutPlan(List<URI> targets, String candidate, List<Integer> steps, List<Duration> holds,
                          Duration checkInterval, int maxExtraHolds, Resume resume, Duration propagationTimeout,
                          Optional<FreezeOverride> override) {

    /** What a rollout that finds itself already in progress does. */
    public enum Resume { CONTINUE, ABORT }

    public RolloutPlan {
        targets = List.copyOf(targets);
        steps = List.copyOf(steps);
        holds = List.copyOf(holds);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("`--targets` must name at least one instance");
        }
        if (steps.isEmpty() || steps.get(steps.size() - 1) != 100) {
            throw new IllegalArgumentException("`--steps` must end at 100, but was " + steps);
        }
        for (int i = 0; i < steps.size(); i++) {
            int s = steps.get(i);
            if (s < 1 || s > 100 || i > 0 && s <= steps.get(i - 1)) {
                throw new IllegalArgumentException("`--steps` must rise strictly within 1..100, but was " + steps);
            }
        }
        if (holds.size() != steps.size() - 1) {
            throw new IllegalArgumentException("`--hold` must give one duration per step before 100 ("
                    + (steps.size() - 1) + "), or one for all, but gave " + holds.size());
        }
        if (holds.stream().anyMatch(h -> h.isNegative() || h.isZero())) {
            throw new IllegalArgumentException("`--hold` durations must be positive, but were " + holds);
        }
        if (maxExtraHolds < 0 || maxExtraHolds > 10) {
            throw new IllegalArgumentException("`--max-extra-holds` must be between 0 and 10, but was " + maxExtraHolds);
        }
    }

    /** Looks at one step: its hold and every extension, cut into check intervals. */
    int looksPerStep(int step) {
        long perHold = Math.max(1, (holds.get(step).toMillis() + checkInterval.toMillis() - 1) / checkInterval.toMillis());
        return (int) Math.min(Integer.MAX_VALUE, perHold * (1 + maxExtraHolds));
    }
}
