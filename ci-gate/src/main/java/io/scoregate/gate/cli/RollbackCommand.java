package io.scoregate.gate.cli;

import io.scoregate.gate.judge.Judge;
import io.scoregate.gate.judge.Policy;
import io.scoregate.gate.rollout.LiveJudge;
import io.scoregate.gate.rollout.Notifier;
import io.scoregate.gate.rollout.RollbackProcedure;
import io.scoregate.gate.rollout.RolloutReport;
import io.scoregate.gate.rollout.RoutingAdmin;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ci-gate rollback}: the incident runbook's ten-minute rollback, each step verified and timed. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Routes 100%% of traffic to the stable version (or --to VERSION), verifies every instance applies "
                + "the change, watches the next requests until latency and timeouts are back near the stable baseline, "
                + "and notifies the webhook. Exit 0: recovered; 3: applied but recovery not confirmed; 5: an instance "
                + "did not apply it (named) or the table could not be changed; 130: interrupted (SIGTERM/SIGINT), the "
                + "table left as it is.")
public final class RollbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--to", paramLabel = "VERSION",
            description = "The version to send all traffic to (default: the routing table's stable version).")
    Optional<String> to = Optional.empty();

    @Option(names = "--reason", defaultValue = "rollback by ci-gate", paramLabel = "TEXT",
            description = "Recorded in the routing audit log and the notification (default: ${DEFAULT-VALUE}).")
    String reason;

    @Option(names = "--watch", defaultValue = "60s", paramLabel = "DURATION",
            description = "How long to watch for recovery at most; 0s skips the watch (default: ${DEFAULT-VALUE}).")
    String watch;

    @Option(names = "--watch-requests", defaultValue = "20", paramLabel = "N",
            description = "How many requests to the stable version the recovery check waits for (default: ${DEFAULT-VALUE}).")
    long watchRequests;

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
        Duration watchFor = watch.trim().equals("0") ? Duration.ZERO : DurationText.parse("--watch", watch);
        if (watchRequests < 1 || watchRequests > 1_000_000) {
            throw ExitException.invalidInput("`--watch-requests` must be between 1 and 1000000, but was " + watchRequests);
        }
        var plan = new RollbackProcedure.Plan(fleet.targets(), to.map(String::trim).filter(v -> !v.isEmpty()),
                reason, fleet.propagationTimeout(), watchFor, watchRequests);
        RoutingAdmin admin = fleet.admin("ci-gate rollback");
        Notifier notifier = fleet.notifier();
        try (var stop = StopOnSignal.install("rollback", err)) {
            return stop.exit(() -> run(admin, notifier, plan, policy, clock, out, err, stop));
        }
    }

    /** @param stop whether a signal asked to stop: steps reported after it are not shown (see rollout) */
    private int run(RoutingAdmin admin, Notifier notifier, RollbackProcedure.Plan plan, Policy policy, Clock clock,
                    PrintWriter out, PrintWriter err, StopOnSignal stop)
            throws ExitException, InterruptedException {
        Instant started = clock.instant();
        var procedure = new RollbackProcedure(admin, new LiveJudge(fleet.histograms(admin), Judge.standard()), notifier, policy, clock,
                fleet.pacer());
        var lastStep = new AtomicReference<String>();
        RollbackProcedure.Outcome outcome = stop.untilSignal(() -> procedure.run(plan, step -> {
            if (!stop.requested()) {
                lastStep.set(step.line());
                out.println(clock.instant() + "  " + step.line());
                out.flush();
            }
        }), () -> "interrupted " + (lastStep.get() == null ? "before its first step completed"
                : "after: " + lastStep.get()) + "; the routing table is left as it is (a change in flight may or may "
                + "not have been applied); rerun rollback to finish it, it is idempotent.");
        ExitCode code = ExitCode.of(outcome.end());
        String summary = switch (outcome.end()) {
            case RECOVERED -> "Rolled back to " + outcome.stable() + " and recovered.";
            case UNVERIFIED -> "Rolled back to " + outcome.stable() + ", but recovery is not confirmed.";
            case NOT_PROPAGATED -> "Rollback to " + outcome.stable() + " did not reach every instance: "
                    + String.join("; ", outcome.laggards().stream().map(l -> l.describe()).toList()) + ".";
            case FAILED -> "Rollback failed: " + outcome.steps().get(outcome.steps().size() - 1).result() + ".";
        };
        var report = new RolloutReport("rollback", outcome.end().name(), code.code(), summary, Optional.empty(),
                outcome.stable(), plan.targets(), started, clock.instant(), Optional.empty(), outcome.timeline(),
                Optional.empty(), outcome.steps());
        fleet.writeReports(report, out, err);
        (code == ExitCode.PASS ? out : err).println("rollback " + outcome.end() + ": " + summary);
        return code.code();
    }
}
