package io.scoregate.gate.rollout;

import io.scoregate.gate.window.FreezeOverride;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A canary rollout: the candidate's weight steps through {@code steps} (the last is always 100, which
 * makes it the stable version). Each step before 100 is held at least its {@code holds} entry and at most its
 * {@code maxHolds} entry while the live numbers are looked at every {@code checkInterval}; it moves on once it has
 * the evidence it needs (see {@link RolloutDriver}).
 *
 * @param warmup             the start of each step whose candidate latencies are not evidence
 * @param stepDetectableRate a step before the last moves on once a candidate timing out on this share of its
 *                           requests would have been caught by now with probability {@code power}
 * @param resume             what to do when the store shows this candidate already part-way (a CI job died)
 */
public record RolloutPlan(List<URI> targets, String candidate, List<Integer> steps, List<Duration> holds,
                          Duration checkInterval, List<Duration> maxHolds, Warmup warmup, double stepDetectableRate,
                          Resume resume, Duration propagationTimeout, Optional<FreezeOverride> override) {

    /** What a rollout that finds itself already in progress does. */
    public enum Resume { CONTINUE, ABORT }

    /** The write-up's Friday timed out 80% of its requests; an early step must be able to catch half that. */
    public static final double DEFAULT_STEP_DETECTABLE_RATE = 0.5;

    public RolloutPlan {
        targets = List.copyOf(targets);
        steps = List.copyOf(steps);
        holds = List.copyOf(holds);
        maxHolds = List.copyOf(maxHolds);
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
        if (maxHolds.size() != holds.size()) {
            throw new IllegalArgumentException("`--max-hold` must give one duration per step before 100 ("
                    + holds.size() + "), or one for all, but gave " + maxHolds.size());
        }
        for (int i = 0; i < holds.size(); i++) {
            if (maxHolds.get(i).compareTo(holds.get(i)) < 0) {
                throw new IllegalArgumentException("`--max-hold` must be at least the step's hold, but was "
                        + maxHolds.get(i) + " for a hold of " + holds.get(i));
            }
        }
        if (!(stepDetectableRate > 0 && stepDetectableRate <= 1)) {
            throw new IllegalArgumentException("`--step-catches` must be above 0 and at most 1, but was "
                    + stepDetectableRate);
        }
    }

    /** The older form: each step held at most its hold times {@code 1 + maxExtraHolds}, default warm-up. */
    public RolloutPlan(List<URI> targets, String candidate, List<Integer> steps, List<Duration> holds,
                       Duration checkInterval, int maxExtraHolds, Resume resume, Duration propagationTimeout,
                       Optional<FreezeOverride> override) {
        this(targets, candidate, steps, holds, checkInterval, extended(holds, maxExtraHolds), Warmup.DEFAULT,
                DEFAULT_STEP_DETECTABLE_RATE, resume, propagationTimeout, override);
    }

    /** Each hold times {@code 1 + extra}: what {@code --max-extra-holds} meant before {@code --max-hold}. */
    public static List<Duration> extended(List<Duration> holds, int extra) {
        if (extra < 0 || extra > 10) {
            throw new IllegalArgumentException("`--max-extra-holds` must be between 0 and 10, but was " + extra);
        }
        List<Duration> out = new ArrayList<>();
        holds.forEach(h -> out.add(h.multipliedBy(1L + extra)));
        return out;
    }

    /** Whether the hold at {@code step} is the last before promotion, which needs a full PASS. */
    boolean precedesPromotion(int step) {
        return step + 1 < steps.size() && steps.get(step + 1) == 100;
    }
}
