package io.scoregate.gate.rollout;

import io.scoregate.gate.judge.Judgement;
import io.scoregate.gate.judge.Policy;
import io.scoregate.gate.judge.Verdict;
import io.scoregate.gate.rollout.RolloutOutcome.End;
import io.scoregate.gate.window.FreezeCalendar;
import io.scoregate.gate.window.FreezeDecision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Drives a canary rollout through the states of {@link RolloutState}. The store is the rollout's memory:
 * a run that finds the candidate already at some weight resumes there (or aborts, as told), so a CI job
 * that dies half-way loses nothing. Before every step the freeze window is checked at that moment, not when
 * the pipeline started. During each hold the live numbers are judged at every check interval, and a BLOCK
 * rolls back at once; at the end of a hold only a PASS moves on.
 */
public final class RolloutDriver {

    private final TableWriter tables;
    private final Propagation propagation;
    private final LiveJudge live;
    private final RollbackProcedure rollback;
    private final FreezeCalendar freeze;
    private final Policy policy;
    private final Clock clock;
    private final Pacer pacer;
    private final Consumer<TimelineEntry> listener;

    private RolloutState state = RolloutState.STARTING;
    private final List<TimelineEntry> timeline = new ArrayList<>();

    public RolloutDriver(RoutingAdmin admin, LiveJudge live, RollbackProcedure rollback, Policy policy, Clock clock,
                         Pacer pacer, Consumer<TimelineEntry> listener) {
        this.tables = new TableWriter(admin);
        this.propagation = new Propagation(admin, clock, pacer);
        this.live = live;
        this.rollback = rollback;
        this.freeze = new FreezeCalendar(policy.freeze());
        this.policy = policy;
        this.clock = clock;
        this.pacer = pacer;
        this.listener = listener;
    }

    public RolloutOutcome run(RolloutPlan plan) throws InterruptedException {
        RoutingView view;
        try {
            view = tables.read(plan.targets());
        } catch (RoutingAdmin.AdminException e) {
            return fail("The routing table could not be read: " + e.getMessage(), "?");
        }
        String candidate = plan.candidate();
        String stable = view.stable();
        if (stable.equals(candidate)) {
            move(RolloutState.PROMOTED, 100, view.revision(), candidate + " is already the stable version");
            return end(End.ALREADY_STABLE, candidate + " is already the stable version at revision "
                    + view.revision() + "; nothing to roll out.", candidate, Optional.empty(), List.of());
        }
        final RoutingView found = view;
        Optional<String> other = found.candidate().filter(c -> !c.equals(candidate) && found.weightOf(c) > 0);
        if (other.isPresent()) {
            return refuse(other.get() + " is being rolled out (" + view.weightOf(other.get()) + "%); finish or roll it "
                    + "back before starting " + candidate + ".", stable);
        }
        int weight = view.weightOf(candidate);
        int first = 0;
        if (weight > 0) {
            if (plan.resume() == RolloutPlan.Resume.ABORT) {
                return rollBack(plan, stable, End.ROLLED_BACK_ON_REQUEST, "A previous rollout of " + candidate
                        + " stood at " + weight + "%; aborted as asked (--resume abort).", Optional.empty());
            }
            while (plan.steps().get(first) < weight) {
                first++;
            }
            note("found " + candidate + " at " + weight + "% (revision " + view.revision() + "): resuming at step "
                    + plan.steps().get(first) + "%", weight, view.revision());
        }

        Optional<Judgement> last = Optional.empty();
        for (int step = first; step < plan.steps().size(); step++) {
            int target = plan.steps().get(step);
            FreezeDecision frozen = freeze.check(clock.instant(), plan.override());
            if (frozen.blocks()) {
                String why = "Promotion is frozen (" + frozen.window().orElse("freeze window") + ") until "
                        + frozen.until().map(Instant::toString).orElse("further notice") + "; no override was given.";
                if (weight == 0) {
                    move(RolloutState.FAILED, 0, view.revision(), why);
                    return end(End.FROZEN_BEFORE_START, why + " Nothing was changed.", stable, last, List.of());
                }
                return rollBack(plan, stable, End.ROLLED_BACK_FREEZE, why + " The candidate was at " + weight
                        + "% and has been rolled back rather than left half-deployed through the freeze.", last);
            }
            if (target != weight) {
                boolean promote = target == 100;
                move(promote ? RolloutState.PROMOTING : RolloutState.SHIFTING, weight, view.revision(),
                        promote ? "making " + candidate + " the stable version" : "moving " + candidate + " to " + target + "%");
                String reason = promote ? "rollout: " + candidate + " passed every step, promoted"
                        : "rollout: " + candidate + " to " + target + "%";
                try {
                    final String s = stable;
                    view = tables.change(plan.targets(), current -> Optional.of(promote
                            ? RoutingChangeRequest.allOn(candidate, Optional.of(s), current.revision(), reason)
                            : RoutingChangeRequest.split(s, candidate, target, current.revision(), reason)));
                } catch (RoutingAdmin.AdminException e) {
                    return rollBack(plan, stable, End.FAILED, "The routing change to " + target + "% failed: "
                            + e.getMessage(), last);
                }
                weight = target;
                var propagated = propagation.await(plan.targets(), view.revision(), plan.propagationTimeout());
                if (!propagated.complete()) {
                    return rollBack(plan, stable, End.FAILED, "Revision " + view.revision() + " did not reach every "
                            + "instance within " + plan.propagationTimeout().toSeconds() + " s: " + String.join("; ",
                            propagated.laggards().stream().map(Propagation.Laggard::describe).toList()), last);
                }
                if (promote) {
                    move(RolloutState.PROMOTED, 100, view.revision(), candidate + " is the stable version; every instance "
                            + "applies revision " + view.revision());
                    return end(End.PROMOTED, candidate + " passed every step (" + plan.steps() + ") and is now the "
                            + "stable version.", candidate, last, List.of());
                }
            }
            var held = hold(plan, step, stable, view.revision(), weight);
            last = held.judgement();
            if (held.changedUnderUs().isPresent()) {
                RoutingView now = held.changedUnderUs().get();
                String why = "The routing table changed during the " + weight + "% hold (" + now.lastChange() + ")";
                if (now.weightOf(candidate) == 0) {
                    move(RolloutState.ROLLING_BACK, 0, now.revision(), why);
                    move(RolloutState.ROLLED_BACK, 0, now.revision(), "rolled back by " + now.updatedBy());
                    return end(End.ROLLED_BACK_REGRESSION, why + ": " + candidate + " was rolled back by someone else.",
                            now.stable(), last, List.of());
                }
                move(RolloutState.FAILED, now.weightOf(candidate), now.revision(), why);
                return end(End.FAILED, why + "; the rollout stops rather than fight over the table.", now.stable(),
                        last, List.of());
            }
            if (held.judgement().isPresent() && held.judgement().get().verdict() == Verdict.BLOCK) {
                return rollBack(plan, stable, End.ROLLED_BACK_REGRESSION, "At " + weight + "% the candidate "
                        + "regressed: " + String.join(" ", held.judgement().get().reasons()), last);
            }
            if (!held.ready()) {
                String why = held.judgement().map(j -> String.join(" ", j.reasons()))
                        .orElse(held.problem());
                return rollBack(plan, stable, End.ROLLED_BACK_INCONCLUSIVE, "At " + weight + "% the evidence could "
                        + "not show the candidate " + (plan.precedesPromotion(step) ? "within its limits" : "safe to "
                        + "widen") + " within the maximum hold of " + plan.maxHolds().get(step).toSeconds() + " s: " + why,
                        last);
            }
        }
        throw new IllegalStateException("the steps end at 100, so the loop returns at promotion");
    }

    /**
     * How a hold ended: the last judgement (or why there is none), whether the step has what it needs to move on,
     * or the table someone else changed.
     */
    private record Held(Optional<Judgement> judgement, String problem, boolean ready,
                        Optional<RoutingView> changedUnderUs) {
        Held(Optional<Judgement> judgement, String problem, boolean ready) {
            this(judgement, problem, ready, Optional.empty());
        }
    }

    /**
     * Holds one step. Every check interval the live numbers are looked at: the anytime-valid evidence may roll
     * back at any look (no look adds false rollbacks), and once the minimum hold has passed the step ends as soon
     * as it has the evidence it needs: the hold before promotion a full PASS, an earlier step that a Friday-class
     * regression would have been caught by now with high probability ({@link LiveJudge.Phase#requestsToStep}).
     * At low traffic that takes longer than the hold, so the hold goes on, saying how long it expects, up to its
     * maximum; a step that still lacks the evidence then is rolled back as inconclusive.
     */
    private Held hold(RolloutPlan plan, int step, String stable, long revision, int weight) throws InterruptedException {
        boolean needsPass = plan.precedesPromotion(step);
        Duration minimum = plan.holds().get(step);
        Duration maximum = plan.maxHolds().get(step);
        move(RolloutState.HOLDING, weight, revision, "holding " + weight + "% for " + minimum.toSeconds() + " s");
        LiveJudge.Phase phase;
        try {
            phase = live.begin(plan.targets(), stable, plan.candidate(), policy, weight / 100.0, plan.warmup(), needsPass,
                    plan.stepDetectableRate(), clock.instant());
        } catch (RoutingAdmin.AdminException e) {
            return new Held(Optional.empty(), "the live numbers could not be read: " + e.getMessage(), false);
        }
        note("at most " + maximum.toSeconds() + " s, until " + (needsPass ? "every rule passes" : "a candidate timing out on "
                + Math.round(plan.stepDetectableRate() * 100) + "% of its requests would have been caught with "
                + Math.round(policy.power() * 100) + "% probability (" + phase.requestsToStep()
                + " candidate requests after warm-up)") + "; warm-up " + plan.warmup().time().toSeconds() + " s and "
                + plan.warmup().requests() + " candidate requests", weight, revision);
        Instant started = clock.instant();
        Instant minEnd = started.plus(minimum);
        Instant maxEnd = started.plus(maximum);
        Optional<Judgement> latest = Optional.empty();
        String problem = "no look completed";
        while (clock.instant().isBefore(maxEnd)) {
            Instant now = clock.instant();
            Duration wait = plan.checkInterval();
            if (now.isBefore(minEnd) && Duration.between(now, minEnd).compareTo(wait) < 0) {
                wait = Duration.between(now, minEnd);
            }
            if (Duration.between(now, maxEnd).compareTo(wait) < 0) {
                wait = Duration.between(now, maxEnd);
            }
            pacer.pause(wait);
            try {
                // Someone else (an instance's own guard, an operator) may have changed the table: stop judging
                // a split that no longer exists.
                RoutingView current = tables.read(plan.targets());
                if (current.revision() != revision) {
                    return new Held(latest, "", false, Optional.of(current));
                }
                var look = phase.look(clock.instant());
                latest = Optional.of(look.judgement());
                record(RolloutState.HOLDING, weight, revision, look, look.judgement().verdict() + ": "
                        + look.judgement().reasons().get(0) + " [" + look.progress() + "]");
                if (look.judgement().verdict() == Verdict.BLOCK) {
                    return new Held(latest, "", false);
                }
                if (!clock.instant().isBefore(minEnd) && look.readyToStep()) {
                    return new Held(latest, "", true);
                }
            } catch (RoutingAdmin.AdminException e) {
                latest = Optional.empty();
                problem = "the live numbers could not be read: " + e.getMessage();
                note(problem, weight, revision);
            }
        }
        return new Held(latest, problem, false);
    }

    private RolloutOutcome rollBack(RolloutPlan plan, String stable, End end, String why, Optional<Judgement> last)
            throws InterruptedException {
        move(RolloutState.ROLLING_BACK, 0, -1, why);
        var outcome = rollback.run(new RollbackProcedure.Plan(plan.targets(), Optional.of(stable), "rollout of "
                + plan.candidate() + " rolled back: " + why, plan.propagationTimeout(), Duration.ZERO, 0), step -> { });
        boolean applied = outcome.end() == RollbackProcedure.End.RECOVERED || outcome.end() == RollbackProcedure.End.UNVERIFIED;
        if (!applied) {
            move(RolloutState.FAILED, -1, outcome.revision(), "rollback did not complete: "
                    + outcome.steps().get(outcome.steps().size() - 1).result());
            return end(End.FAILED, why + " The rollback did not complete: " + String.join("; ",
                    outcome.steps().stream().filter(s -> !s.ok()).map(RollbackProcedure.Step::result).toList()),
                    stable, last, outcome.steps());
        }
        move(RolloutState.ROLLED_BACK, 0, outcome.revision(), "every instance applies revision " + outcome.revision()
                + " (100% " + stable + ")");
        return end(end, why, stable, last, outcome.steps());
    }

    private RolloutOutcome refuse(String why, String stable) {
        move(RolloutState.FAILED, 0, -1, why);
        return end(End.REFUSED, why, stable, Optional.empty(), List.of());
    }

    private RolloutOutcome fail(String why, String stable) {
        move(RolloutState.FAILED, 0, -1, why);
        return end(End.FAILED, why, stable, Optional.empty(), List.of());
    }

    private RolloutOutcome end(End end, String reason, String stableAfter, Optional<Judgement> last,
                               List<RollbackProcedure.Step> steps) {
        return new RolloutOutcome(end, reason, stableAfter, timeline, last, steps);
    }

    private void move(RolloutState next, int weight, long revision, String note) {
        if (next != state || next != RolloutState.HOLDING) {
            state = state.moveTo(next);
        }
        add(new TimelineEntry(clock.instant(), state, weight, revision, Optional.empty(), Optional.empty(), note));
    }

    private void record(RolloutState s, int weight, long revision, LiveJudge.Look look, String note) {
        add(new TimelineEntry(clock.instant(), s, weight, revision, Optional.of(look.stable()),
                Optional.of(look.candidate()), note));
    }

    private void note(String note, int weight, long revision) {
        add(new TimelineEntry(clock.instant(), state, weight, revision, Optional.empty(), Optional.empty(), note));
    }

    private void add(TimelineEntry entry) {
        timeline.add(entry);
        listener.accept(entry);
    }
}
