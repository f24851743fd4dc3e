package io.scoregate.gate.rollout;

import io.scoregate.gate.report.Format;
import io.scoregate.gate.judge.Policy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The incident runbook's rollback, as code: (1) route 100% to the stable version, (2) verify every instance
 * applies the change, (3) watch the next requests until latency and timeouts are back near the stable
 * baseline, (4) notify. Each step is reported with its result and how long it took.
 */
public final class RollbackProcedure {

    /** What to roll back to and how long to wait for each verification. */
    public record Plan(List<URI> targets, Optional<String> to, String reason, Duration propagationTimeout,
                       Duration watch, long watchRequests) {
        public Plan {
            targets = List.copyOf(targets);
        }
    }

    /** One runbook step's result. */
    public record Step(String name, boolean ok, String result, Duration took) {
        public String line() {
            return String.format(Locale.ROOT, "%-28s %-4s %s (%.1f s)", name, ok ? "ok" : "FAIL", result,
                    took.toMillis() / 1000.0);
        }
    }

    /** How a rollback ended. */
    public enum End {
        /** Every instance applies the stable-only table and the stable version serves normally. */
        RECOVERED,
        /** Every instance applies it, but recovery could not be confirmed (no traffic, or still degraded). */
        UNVERIFIED,
        /** Some instance did not apply the change in time: named in the steps. */
        NOT_PROPAGATED,
        /** The table could not be changed at all. */
        FAILED
    }

    public record Outcome(End end, String stable, long revision, List<Step> steps,
                          List<Propagation.Laggard> laggards, List<TimelineEntry> timeline) {
        public Outcome {
            steps = List.copyOf(steps);
            laggards = List.copyOf(laggards);
            timeline = List.copyOf(timeline);
        }
    }

    /** Told about each step as it completes, so the console shows progress at 18:30 on a Friday. */
    @FunctionalInterface
    public interface StepListener {
        void onStep(Step step);
    }

    private final TableWriter tables;
    private final Propagation propagation;
    private final LiveJudge live;
    private final Notifier notifier;
    private final Policy policy;
    private final Clock clock;
    private final Pacer pacer;

    public RollbackProcedure(RoutingAdmin admin, LiveJudge live, Notifier notifier, Policy policy, Clock clock,
                             Pacer pacer) {
        this.tables = new TableWriter(admin);
        this.propagation = new Propagation(admin, clock, pacer);
        this.live = live;
        this.notifier = notifier;
        this.policy = policy;
        this.clock = clock;
        this.pacer = pacer;
    }

    public Outcome run(Plan plan, StepListener listener) throws InterruptedException {
        List<Step> steps = new ArrayList<>();
        List<TimelineEntry> timeline = new ArrayList<>();
        // Step 1: route 100% to the stable version.
        Instant t = clock.instant();
        RoutingView before;
        RoutingView after;
        Optional<LatencyHistogramSnapshot> history = Optional.empty();
        try {
            before = tables.read(plan.targets());
            history = scrapeQuietly(plan.targets());
            after = tables.change(plan.targets(), current -> {
                String stable = plan.to().orElse(current.stable());
                Optional<String> leaving = current.candidate().or(() -> Optional.of(current.stable()))
                        .filter(v -> !v.equals(stable));
                boolean already = current.stable().equals(stable) && current.weightOf(stable) == 100;
                return already ? Optional.empty()
                        : Optional.of(RoutingChangeRequest.allOn(stable, leaving, current.revision(), plan.reason()));
            });
        } catch (RoutingAdmin.AdminException e) {
            var step = record(steps, listener, "1. route 100% to stable", false, e.getMessage(), t);
            timeline.add(entry(RolloutState.FAILED, 0, -1, step.result()));
            return new Outcome(End.FAILED, plan.to().orElse("?"), -1, steps, List.of(), timeline);
        }
        String stable = after.stable();
        String changed = after.revision() == before.revision() ? "already 100% on " + stable + " at revision "
                + after.revision() : "100% on " + stable + " at revision " + after.revision() + " (was "
                + describe(before) + ")";
        record(steps, listener, "1. route 100% to " + stable, true, changed, t);
        timeline.add(entry(RolloutState.ROLLING_BACK, 0, after.revision(), changed));

        // Step 2: verify every instance applies it.
        t = clock.instant();
        var propagated = propagation.await(plan.targets(), after.revision(), plan.propagationTimeout());
        if (!propagated.complete()) {
            String laggards = String.join("; ", propagated.laggards().stream().map(Propagation.Laggard::describe).toList());
            record(steps, listener, "2. verify propagation", false, propagated.laggards().size() + " of "
                    + plan.targets().size() + " instances did not apply revision " + after.revision() + " within "
                    + plan.propagationTimeout().toSeconds() + " s: " + laggards, t);
            notify(steps, listener, "Rollback to " + stable + " is INCOMPLETE: " + laggards);
            timeline.add(entry(RolloutState.FAILED, 0, after.revision(), "not propagated: " + laggards));
            return new Outcome(End.NOT_PROPAGATED, stable, after.revision(), steps, propagated.laggards(), timeline);
        }
        record(steps, listener, "2. verify propagation", true, "all " + plan.targets().size()
                + " instances apply revision " + after.revision(), t);

        // Step 3: watch the next requests.
        t = clock.instant();
        var recovery = watchRecovery(plan, stable, history);
        record(steps, listener, "3. verify recovery", recovery.ok(), recovery.result(), t);
        timeline.add(new TimelineEntry(clock.instant(), RolloutState.ROLLED_BACK, 0, after.revision(),
                recovery.numbers(), Optional.empty(), recovery.result()));

        // Step 4: notify.
        notify(steps, listener, (recovery.ok() ? "Rolled back to " : "Rolled back (recovery NOT confirmed) to ")
                + stable + " at routing revision " + after.revision() + ": " + plan.reason() + ". " + recovery.result());
        return new Outcome(recovery.ok() ? End.RECOVERED : End.UNVERIFIED, stable, after.revision(), steps, List.of(),
                timeline);
    }

    private record Recovery(boolean ok, String result, Optional<TimelineEntry.ArmNumbers> numbers) {
    }

    private Recovery watchRecovery(Plan plan, String stable, Optional<LatencyHistogramSnapshot> history)
            throws InterruptedException {
        if (plan.watch().isZero()) {
            return new Recovery(true, "skipped (--watch 0)", Optional.empty());
        }
        Optional<LatencyHistogramSnapshot> start = scrapeQuietly(plan.targets());
        if (start.isEmpty()) {
            return new Recovery(false, "could not read /q/metrics from every instance", Optional.empty());
        }
        Instant end = clock.instant().plus(plan.watch());
        LatencyHistogramSnapshot latest = start.get();
        while (clock.instant().isBefore(end) && latest.minus(start.get()).count(stable) < plan.watchRequests()) {
            pacer.pause(Duration.ofMillis(500));
            latest = scrapeQuietly(plan.targets()).orElse(latest);
        }
        var watched = LiveJudge.numbers(io.scoregate.gate.judge.ArmSummary.of(armOf(latest.minus(start.get()), stable)));
        if (watched.requests() == 0) {
            return new Recovery(false, "no request reached " + stable + " in " + plan.watch().toSeconds()
                    + " s, so recovery could not be confirmed", Optional.of(watched));
        }
        var baseline = history.map(h -> LiveJudge.numbers(io.scoregate.gate.judge.ArmSummary.of(armOf(h, stable))));
        var t = policy.thresholds();
        List<String> problems = new ArrayList<>();
        if (watched.timeoutRate() > t.timeoutRate()) {
            problems.add(pct1(watched.timeoutRate()) + " timeouts (limit " + pct1(t.timeoutRate()) + ")");
        }
        if (watched.errorRate() > t.errorRate()) {
            problems.add(pct1(watched.errorRate()) + " errors (limit " + pct1(t.errorRate()) + ")");
        }
        String vs = "";
        if (baseline.isPresent() && baseline.get().requests() > 0 && Double.isFinite(baseline.get().meanMs())) {
            vs = String.format(Locale.ROOT, " against its earlier %.1f ms", baseline.get().meanMs());
            if (watched.meanMs() > t.meanLatencyRatio() * baseline.get().meanMs()) {
                problems.add(String.format(Locale.ROOT, "mean %.1f ms is over %.1fx its earlier %.1f ms",
                        watched.meanMs(), t.meanLatencyRatio(), baseline.get().meanMs()));
            }
        }
        String summary = String.format(Locale.ROOT, "%d requests on %s: mean %.1f ms%s, p95 %.1f ms, %s timeouts, %s errors",
                watched.requests(), stable, watched.meanMs(), vs, watched.p95Ms(), pct1(watched.timeoutRate()),
                pct1(watched.errorRate()));
        return problems.isEmpty() ? new Recovery(true, summary, Optional.of(watched))
                : new Recovery(false, summary + "; still degraded: " + String.join(", ", problems), Optional.of(watched));
    }

    private static io.scoregate.gate.judge.Arm armOf(LatencyHistogramSnapshot snapshot, String version) {
        var recorder = new io.scoregate.gate.judge.ArmRecorder(version, version);
        snapshot.toRecords(version, "*", Instant.EPOCH).forEach(recorder);
        return recorder.baseline();
    }

    private Optional<LatencyHistogramSnapshot> scrapeQuietly(List<URI> targets) {
        try {
            return Optional.of(live.scrape(targets));
        } catch (RoutingAdmin.AdminException e) {
            return Optional.empty();
        }
    }

    private void notify(List<Step> steps, StepListener listener, String text) throws InterruptedException {
        Instant t = clock.instant();
        String result = notifier.send("scoregate: " + text);
        record(steps, listener, "4. notify", !result.contains("not notified"), result, t);
    }

    private Step record(List<Step> steps, StepListener listener, String name, boolean ok, String result, Instant since) {
        var step = new Step(name, ok, result, Duration.between(since, clock.instant()));
        steps.add(step);
        listener.onStep(step);
        return step;
    }

    private TimelineEntry entry(RolloutState state, int weight, long revision, String note) {
        return new TimelineEntry(clock.instant(), state, weight, revision, Optional.empty(), Optional.empty(), note);
    }

    static String describe(RoutingView v) {
        var sb = new StringBuilder();
        v.weights().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> sb.append(sb.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()).append('%'));
        return sb.toString();
    }


    private static String pct1(double rate) {
        return Format.percent(rate, 1);
    }
}
