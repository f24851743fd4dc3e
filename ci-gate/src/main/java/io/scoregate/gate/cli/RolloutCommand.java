package io.scoregate.gate.cli;

import io.scoregate.gate.judge.Judge;
import io.scoregate.gate.judge.Policy;
import io.scoregate.gate.rollout.LiveJudge;
import io.scoregate.gate.rollout.Notifier;
import io.scoregate.gate.rollout.RollbackProcedure;
import io.scoregate.gate.rollout.RolloutDriver;
import io.scoregate.gate.rollout.RolloutOutcome;
import io.scoregate.gate.rollout.RolloutPlan;
import io.scoregate.gate.rollout.RolloutReport;
import io.scoregate.gate.rollout.RoutingAdmin;
import io.scoregate.gate.rollout.TimelineEntry;
import io.scoregate.gate.rollout.Warmup;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ci-gate rollout}: the canary rollout of the incident write-up's prevention plan. */
@Command(name = "rollout", mixinStandardHelpOptions = true,
        description = "Steps a candidate's traffic weight up (5%% -> 25%% -> 50%% -> 100%% by default), holding each step "
                + "while the live numbers of every instance are judged against the stable version. A regression rolls "
                + "back at once; a completed rollout makes the candidate the stable version. Resumable: a rerun "
                + "continues from where the routing store says the rollout stands. SIGTERM/SIGINT: exit 130, the table "
                + "left as it is, and one line saying at which weight and revision.")
public final class RolloutCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--candidate", required = true, paramLabel = "VERSION", description = "The model version to roll out.")
    String candidate;

    @Option(names = "--steps", defaultValue = "5,25,50,100", paramLabel = "PCT[,PCT...]",
            description = "Candidate weights in percent, rising, ending at 100 (default: ${DEFAULT-VALUE}).")
    String steps;

    @Option(names = "--hold", defaultValue = "10m,10m,15m", paramLabel = "DURATION[,...]",
            description = "How long each step before 100 is held, one per step or one for all (default: ${DEFAULT-VALUE}).")
    String hold;

    @Option(names = "--check-interval", paramLabel = "DURATION",
            description = "How often the live numbers are looked at during a hold (default: a tenth of the shortest "
                    + "hold, between 1s and 10s). Looks are free of false rollbacks: the rollback evidence is anytime-valid.")
    Optional<String> checkInterval = Optional.empty();

    @Option(names = "--max-hold", defaultValue = "1h", paramLabel = "DURATION[,...]",
            description = "How long a step may be held at most while it lacks the evidence to move on (low traffic), "
                    + "one per step or one for all; then it is rolled back as inconclusive (default: ${DEFAULT-VALUE}).")
    String maxHold;

    @Option(names = "--max-extra-holds", paramLabel = "N",
            description = "The older form of --max-hold: each step held at most (1 + N) x its hold.")
    Optional<Integer> maxExtraHolds = Optional.empty();

    @Option(names = "--warmup", defaultValue = "30s", paramLabel = "DURATION",
            description = "After each shift, how long the candidate's latencies are not evidence (cold code paths); "
                    + "its timeouts and errors always count (default: ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--warmup-requests", defaultValue = "20", paramLabel = "N",
            description = "After each shift, how many candidate requests (over all instances) are left out of the "
                    + "latency evidence; the warm-up ends when both --warmup and this have passed (default: ${DEFAULT-VALUE}).")
    long warmupRequests;

    @Option(names = "--step-catches", defaultValue = "0.5", paramLabel = "RATE",
            description = "A step before the last moves on once a candidate timing out on this share of its requests "
                    + "would have been caught with the policy's power; the last step needs a full PASS (default: ${DEFAULT-VALUE}).")
    double stepCatches;

    @Option(names = "--resume", defaultValue = "continue", paramLabel = "continue|abort",
            description = "When the store shows this candidate already part-way: continue from there, or roll it back "
                    + "(default: ${DEFAULT-VALUE}).")
    String resume;

    @Mixin
    GateOptions decision;

    @Mixin
    FleetAccess fleet;

    @Override
    public Integer call() throws ExitException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Policy policy = decision.loadPolicy();
        Clock clock = decision.runningClock(Clock.systemUTC());
        List<Duration> holds = DurationText.parseList("--hold", hold);
        List<Integer> stepList = parseSteps();
        if (holds.size() == 1 && stepList.size() > 2) {
            holds = java.util.Collections.nCopies(stepList.size() - 1, holds.get(0));
        }
        Duration shortest = holds.stream().min(Duration::compareTo).orElse(Duration.ofSeconds(10));
        Duration interval = checkInterval.isPresent() ? DurationText.parse("--check-interval", checkInterval.get())
                : clamp(shortest.dividedBy(10), Duration.ofSeconds(1), Duration.ofSeconds(10));
        if (interval.isZero() || interval.isNegative()) {
            throw ExitException.invalidInput("`--check-interval` must be positive, but was " + interval);
        }
        RolloutPlan.Resume r = switch (resume.toLowerCase(Locale.ROOT)) {
            case "continue" -> RolloutPlan.Resume.CONTINUE;
            case "abort" -> RolloutPlan.Resume.ABORT;
            default -> throw ExitException.invalidInput("`--resume` must be continue or abort, but was " + resume);
        };
        RolloutPlan plan;
        try {
            List<Duration> maxHolds = maxHolds(holds);
            plan = new RolloutPlan(fleet.targets(), candidate, stepList, holds, interval, maxHolds,
                    new Warmup(DurationText.parse("--warmup", warmup), warmupRequests), stepCatches, r,
                    fleet.propagationTimeout(), decision.override());
        } catch (IllegalArgumentException e) {
            throw ExitException.invalidInput(e.getMessage());
        }
        RoutingAdmin admin = fleet.admin("ci-gate rollout");
        Notifier notifier = fleet.notifier();
        try (var stop = StopOnSignal.install("rollout", err)) {
            return stop.exit(() -> run(admin, notifier, plan, policy, clock, out, err, stop));
        }
    }

    /**
     * @param stop whether a signal asked to stop: from then on the driver's entries are not shown (it
     *             can only report calls that the interrupt kept from being sent) and the run ends with
     *             the last entry seen before, which says where the table was left
     */
    private int run(RoutingAdmin admin, Notifier notifier, RolloutPlan plan, Policy policy, Clock clock, PrintWriter out,
                    PrintWriter err, StopOnSignal stop) throws ExitException, InterruptedException {
        Instant started = clock.instant();
        LiveJudge live = new LiveJudge(fleet.histograms(admin), Judge.standard());
        var rollback = new RollbackProcedure(admin, live, notifier, policy, clock, fleet.pacer());
        var lastKnown = new AtomicReference<TimelineEntry>();
        var driver = new RolloutDriver(admin, live, rollback, policy, clock, fleet.pacer(), entry -> {
            if (!stop.requested()) {
                lastKnown.set(entry);
                print(out, entry);
            }
        });
        RolloutOutcome outcome = stop.untilSignal(() -> driver.run(plan),
                () -> interrupted(Optional.ofNullable(lastKnown.get())));
        ExitCode code = ExitCode.of(outcome.end());
        var report = new RolloutReport("rollout", outcome.end().name(), code.code(), outcome.reason(),
                Optional.of(plan.candidate()), outcome.stableAfter(), plan.targets(), started, clock.instant(),
                plan.override(), outcome.timeline(), outcome.lastJudgement(), outcome.rollbackSteps());
        fleet.writeReports(report, out, err);
        (code == ExitCode.PASS ? out : err).println("rollout " + outcome.end() + ": " + outcome.reason());
        return code.code();
    }

    /** The one line of an interrupted rollout: where the routing table was, as last known, and what to do next. */
    static String interrupted(Optional<TimelineEntry> last) {
        if (last.isEmpty()) {
            return "interrupted before the routing table was read: nothing was changed.";
        }
        TimelineEntry e = last.get();
        String weight = e.candidateWeight() >= 0 ? e.candidateWeight() + "%" : "an unknown weight";
        String revision = e.revision() >= 0 ? "revision " + e.revision() : "revision unknown";
        return "interrupted at " + weight + " (" + revision + ", " + e.state() + ": " + e.note()
                + "): the table is left as it is; rerun with --resume continue or --resume abort.";
    }

    private List<Duration> maxHolds(List<Duration> holds) throws ExitException {
        if (maxExtraHolds.isPresent()) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--max-hold")) {
                throw ExitException.invalidInput("Give either `--max-hold` or `--max-extra-holds`, not both.");
            }
            return RolloutPlan.extended(holds, maxExtraHolds.get());
        }
        List<Duration> max = DurationText.parseList("--max-hold", maxHold);
        return max.size() == 1 && holds.size() > 1 ? java.util.Collections.nCopies(holds.size(), max.get(0)) : max;
    }

    private List<Integer> parseSteps() throws ExitException {
        List<Integer> out = new ArrayList<>();
        for (String s : steps.split(",")) {
            try {
                out.add(Integer.parseInt(s.trim()));
            } catch (NumberFormatException e) {
                throw ExitException.invalidInput("`--steps` must be whole percentages like 5,25,50,100, but had '" + s + "'");
            }
        }
        return out;
    }

    private static Duration clamp(Duration d, Duration min, Duration max) {
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }

    static void print(PrintWriter out, TimelineEntry e) {
        var sb = new StringBuilder();
        sb.append(e.at()).append("  ").append(String.format(Locale.ROOT, "%-12s", e.state()));
        if (e.candidateWeight() >= 0) {
            sb.append(String.format(Locale.ROOT, " %3d%%", e.candidateWeight()));
        }
        e.stable().ifPresent(a -> sb.append(String.format(Locale.ROOT, "  %s mean %.1f ms p95 %.1f ms n=%d",
                a.version(), a.meanMs(), a.p95Ms(), a.requests())));
        e.candidate().ifPresent(a -> sb.append(String.format(Locale.ROOT, " | %s mean %.1f ms p95 %.1f ms timeouts %.1f%% n=%d",
                a.version(), a.meanMs(), a.p95Ms(), a.timeoutRate() * 100, a.requests())));
        sb.append("  ").append(e.note());
        out.println(sb);
        out.flush();
    }
}
