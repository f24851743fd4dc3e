package io.scoregate.gate.cli;

import io.scoregate.contract.Endpoint;
import io.scoregate.gate.capacity.CapacityDecision;
import io.scoregate.gate.capacity.CapacityPlan;
import io.scoregate.gate.capacity.CapacityRun;
import io.scoregate.gate.capacity.CapacityStepper;
import io.scoregate.gate.capacity.CapacityVerdict;
import io.scoregate.gate.capacity.LoadStepRunner;
import io.scoregate.gate.capacity.SloClassifier;
import io.scoregate.gate.load.ArmSlot;
import io.scoregate.gate.window.FreezeOverride;
import java.util.Arrays;
import io.scoregate.gate.judge.ArmRecorder;
import io.scoregate.gate.judge.Judge;
import io.scoregate.gate.judge.Policy;
import io.scoregate.gate.judge.RunLength;
import io.scoregate.gate.judge.SequentialEvidence;
import io.scoregate.gate.load.HttpLoadRunner;
import io.scoregate.gate.load.LoadPlan;
import io.scoregate.gate.load.LoadResult;
import io.scoregate.gate.load.LoadRunner;
import io.scoregate.gate.load.NoSuccessfulAnswer;
import io.scoregate.gate.load.ProgressReporters;
import io.scoregate.gate.load.RunFiles;
import io.scoregate.gate.load.TargetUnreachableException;
import io.scoregate.gate.report.LoadFigures;
import io.scoregate.gate.report.ReportWriters;
import io.scoregate.gate.window.FreezeCalendar;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLongArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code compare}: checks the freeze window first (frozen without override: exit 2, no load sent), drives
 * interleaved baseline/candidate load at the staging target through a {@link LoadRunner}, keeps every
 * request in {@code requests.jsonl} (access-log format, so {@code judge} can recompute the verdict), checks
 * the window again at decision time, judges and writes the reports.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compares a candidate version with the baseline under interleaved open-model load at a "
                + "staging service, then judges. Default run: " + RunLength.DEFAULT_REQUESTS_PER_ARM
                + " measured requests per arm at " + (int) RunLength.DEFAULT_RATE_PER_SECOND + " requests/s. "
                + "Exit 0 PASS, 1 BLOCK, 2 frozen, 3 INCONCLUSIVE, 4 invalid input, 5 target unavailable, "
                + "130 interrupted (SIGTERM/SIGINT: no verdict). With --capacity it steps the rate up instead and "
                + "compares the highest rate each version sustains within the policy's capacity SLO.")
public final class CompareCommand implements Callable<Integer> {

    public static final String REQUESTS_FILE = "requests.jsonl";
    /** Where {@code --capacity} keeps each version's run at each rate, under the report directory. */
    public static final String CAPACITY_DIR = "capacity";

    @Spec
    CommandSpec spec;

    @Option(names = "--target", required = true, paramLabel = "URL", description = "Base URL of the staging service.")
    String target;

    @Mixin
    ComparedVersions versions;

    @Option(names = "--rate", paramLabel = "PER_SECOND",
            description = "Total arrival rate over both arms, requests per second (default: ${DEFAULT-VALUE}).")
    double rate = RunLength.DEFAULT_RATE_PER_SECOND;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Measured run length, e.g. 90s or 2m (instead of --requests).")
    Optional<String> duration = Optional.empty();

    @Option(names = "--requests", paramLabel = "N",
            description = "Measured requests over both arms (default: twice the default per-arm count).")
    Optional<Long> requests = Optional.empty();

    @Option(names = "--warmup", paramLabel = "DURATION", description = "Excluded warm-up (default: ${DEFAULT-VALUE}).")
    String warmup = "10s";

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Per-request client timeout; past it a request is a TIMEOUT (default: ${DEFAULT-VALUE}).")
    String timeout = "2s";

    @Option(names = "--seed", paramLabel = "N", description = "Seeds request bodies and arm order (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--endpoints", paramLabel = "PATH", split = ",",
            description = "Endpoints to call (default: ${DEFAULT-VALUE}).")
    List<String> endpoints = Arrays.stream(Endpoint.values()).map(Endpoint::path).toList();

    @Option(names = "--requests-file", paramLabel = "FILE",
            description = "JSON Lines request bodies to use instead of generated ones.")
    Optional<Path> requestsFile = Optional.empty();

    @Option(names = "--capacity",
            description = "Compare capacity instead: step the rate up from --rate, each version alone for --duration "
                    + "(default 10s; at least the policy's minRequestsPerArm, and enough requests to show the timeout "
                    + "objective held) per step, and BLOCK when the candidate "
                    + "sustains under capacity.minRatio of the baseline's rate within the policy's capacity SLO.")
    boolean capacity;

    @Option(names = "--capacity-factor", paramLabel = "X",
            description = "With --capacity: each step's rate over the previous one's (default: ${DEFAULT-VALUE}).")
    double capacityFactor = CapacityPlan.DEFAULT_FACTOR;

    @Option(names = "--capacity-steps", paramLabel = "N",
            description = "With --capacity: at most this many steps (default: ${DEFAULT-VALUE}).")
    int capacitySteps = CapacityPlan.DEFAULT_STEPS;

    @Option(names = "--capacity-max-rate", paramLabel = "PER_SECOND",
            description = "With --capacity: no step above this rate; the last step is this rate when the steps "
                    + "would jump past it (default: only --capacity-steps limits).")
    Optional<Double> capacityMaxRate = Optional.empty();

    @Option(names = "--report-dir", required = true, paramLabel = "DIR", description = "Where reports and requests.jsonl go.")
    Path reportDir;

    @Mixin
    GateOptions options;

    private final LoadRunner runner;
    private final Clock clock;
    private final ReportWriters writers;

    public CompareCommand() {
        this(new HttpLoadRunner(), Clock.systemUTC(), ReportWriters.fromSystemEnvironment());
    }

    public CompareCommand(LoadRunner runner, Clock clock, ReportWriters writers) {
        this.runner = runner;
        this.clock = clock;
        this.writers = writers;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        try (var stop = StopOnSignal.install("compare", err)) {
            return stop.exit(() -> {
                try {
                    return compare(stop);
                } catch (ExitException e) {
                    if (stop.requested() && e.code() == ExitCode.INVALID_INPUT) {
                        // an interrupted file write fails with ClosedByInterruptException: the signal, not the input
                        throw new ExitException(ExitCode.INTERRUPTED, "interrupted while writing " + reportDir
                                + "; no verdict.");
                    }
                    throw e;
                }
            });
        }
    }

    private int compare(StopOnSignal stop) throws ExitException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String baseline = versions.checked().baseline();
        String candidate = versions.candidate();
        Policy policy = options.loadPolicy();
        var override = options.override();
        Clock decisionClock = options.clock(clock);
        if (!capacity) {
            // a capacity flag without --capacity would otherwise be ignored, and the run not be what was asked for
            for (String flag : List.of("--capacity-factor", "--capacity-steps", "--capacity-max-rate")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(flag)) {
                    throw ExitException.invalidInput("`" + flag + "` needs `--capacity`.");
                }
            }
        }
        Optional<CapacityPlan> capacityPlan = capacity ? Optional.of(capacityPlan(policy)) : Optional.empty();
        LoadPlan plan = plan();
        var calendar = new FreezeCalendar(policy.freeze());
        var before = calendar.check(decisionClock, override);
        if (before.blocks()) {
            // no staging load is spent on a promotion that may not happen
            return VerdictOutput.finish(baseline, candidate, before, Optional.empty(),
                    new VerdictOutput.Evidence(target, 0, List.of(), 0, Optional.empty()), reportDir, writers, out,
                    err);
        }
        try {
            Files.createDirectories(reportDir);
        } catch (IOException e) {
            throw ExitException.invalidInput("The report directory " + reportDir + " cannot be created: " + e);
        }
        if (capacityPlan.isPresent()) {
            return capacity(capacityPlan.get(), policy, baseline, candidate, calendar, decisionClock, override, out,
                    err);
        }
        LoadResult result = load(plan, err);
        Path requestsLog = plan.accessLog().orElseThrow();
        if (!Files.exists(requestsLog)) {
            try {
                RunFiles.writeLog(requestsLog, result.records());
            } catch (IOException e) {
                throw ExitException.invalidInput("The recorded requests cannot be written to " + requestsLog + ": "
                        + e);
            }
        }
        Optional<String> failedEnvironment = NoSuccessfulAnswer.describe(result.records(), baseline, candidate);
        if (failedEnvironment.isPresent()) {
            // every request of both arms failed: the environment is broken, and a verdict on it is no verdict
            throw unavailable(failedEnvironment.get());
        }
        var arms = new ArmRecorder(baseline, candidate, SequentialEvidence.limitsOf(policy));
        result.records().forEach(arms);
        if (stop.requested()) {
            throw new ExitException(ExitCode.INTERRUPTED, "interrupted after the load, before the verdict; "
                    + REQUESTS_FILE + " holds the requests: judge it with `ci-gate judge --log " + requestsLog + "`.");
        }
        // one planned look: the fixed-sample verdict, with the anytime-valid evidence for a run cut short
        var judgement = Judge.standard().judge(arms.baseline(), arms.candidate(), policy,
                Optional.of(arms.sequential()));
        // checked again now: a run that started before the freeze must not promote into it
        var after = calendar.check(decisionClock, override);
        return VerdictOutput.finish(baseline, candidate, after, Optional.of(judgement),
                new VerdictOutput.Evidence(target, 0, List.of(), arms.otherVersions(),
                        Optional.of(LoadFigures.of(result))), reportDir, writers, out, err);
    }

    /**
     * {@code --capacity}: steps the rate up (each step's line on stderr), decides, checks the window again and
     * writes the reports; each version's run at each rate is kept under {@code capacity/} in the report directory.
     */
    private int capacity(CapacityPlan plan, Policy policy, String baseline, String candidate, FreezeCalendar calendar,
                         Clock decisionClock, Optional<FreezeOverride> override, PrintWriter out, PrintWriter err)
            throws ExitException {
        err.println(plan.describe());
        err.flush();
        CapacityRun run;
        try {
            run = new CapacityStepper(plan, policy, stepRunner(), line -> {
                err.println(line);
                err.flush();
            }).run(baseline, candidate);
        } catch (TargetUnreachableException e) {
            throw unavailable(e.getMessage());
        } catch (IOException e) {
            throw ExitException.invalidInput(e.getMessage());
        } catch (InterruptedException e) {
            throw new ExitException(ExitCode.INTERRUPTED, "interrupted during the capacity steps; no verdict (the "
                    + "steps run so far are in " + reportDir.resolve(CAPACITY_DIR) + ").");
        }
        CapacityVerdict verdict = CapacityDecision.decide(run, baseline, candidate, policy.capacity());
        var after = calendar.check(decisionClock, override);
        return VerdictOutput.finish(baseline, candidate, after, verdict,
                new VerdictOutput.Evidence(target, 0, List.of(), 0, Optional.empty()), reportDir, writers, out, err);
    }

    /** The capacity steps with their bounds checked before the freeze window is, so bad flags never wait on it. */
    CapacityPlan capacityPlan(Policy policy) throws ExitException {
        if (requests.isPresent()) {
            throw ExitException.invalidInput("`--requests` does not apply to --capacity; `--duration` sets each "
                    + "version's time per step.");
        }
        Duration step = duration.isPresent() ? DurationText.parse("--duration", duration.get())
                : CapacityPlan.DEFAULT_STEP_DURATION;
        double maxRate = capacityMaxRate.orElse(LoadPlan.MAX_RATE);
        if (!(maxRate >= LoadPlan.MIN_RATE && maxRate <= LoadPlan.MAX_RATE)) {
            throw ExitException.invalidInput("`--capacity-max-rate` must be between " + (long) LoadPlan.MIN_RATE
                    + " and " + (long) LoadPlan.MAX_RATE + ", but was " + maxRate);
        }
        CapacityPlan plan;
        try {
            plan = new CapacityPlan(rate, capacityFactor, maxRate, capacitySteps, step,
                    DurationText.parse("--warmup", warmup), Math.max(policy.minRequestsPerArm(),
                    SloClassifier.requestsToHold(policy.capacity(), policy.alpha())));
            // the highest rate's plan is the largest: if it is within the generator's bounds, every step's is
            var rates = plan.rates();
            double top = rates.get(rates.size() - 1);
            stepRunner().plan(rates.size() - 1, ArmSlot.Arm.CANDIDATE, versions.candidate(), top, plan.requestsAt(top));
        } catch (IllegalArgumentException e) {
            throw ExitException.invalidInput(e.getMessage());
        }
        return plan;
    }

    private LoadStepRunner stepRunner() throws ExitException {
        URI uri = HttpUrl.parse(target).orElseThrow(() -> ExitException.invalidInput(
                "`--target` must be an http(s) URL such as http://localhost:8080, but was " + target));
        return new LoadStepRunner(runner, new LoadStepRunner.Target(uri, endpoints, DurationText.parse("--warmup", warmup),
                DurationText.parse("--timeout", timeout), seed, requestsFile, reportDir.resolve(CAPACITY_DIR)));
    }

    /** Runs the load, its progress on stderr; what keeps it from a result is the matching exit. */
    private LoadResult load(LoadPlan plan, PrintWriter err) throws ExitException {
        // progress arrives on the runner's ticker thread; the interrupted line reads it on this one
        var sentSoFar = new AtomicLongArray(2);
        LoadRunner.ProgressListener shown = ProgressReporters.forConsole(err);
        try {
            return runner.run(plan, (sent, planned, completed, failed) -> {
                sentSoFar.set(0, sent);
                sentSoFar.set(1, planned);
                shown.onProgress(sent, planned, completed, failed);
            });
        } catch (TargetUnreachableException e) {
            throw unavailable(e.getMessage());
        } catch (IOException e) {
            throw ExitException.invalidInput(e.getMessage());
        } catch (InterruptedException e) {
            throw new ExitException(ExitCode.INTERRUPTED, "interrupted " + (sentSoFar.get(1) == 0
                    ? "before any load was sent" : "after sending about " + sentSoFar.get(0) + " of "
                    + sentSoFar.get(1) + " requests") + "; no verdict, and " + REQUESTS_FILE + " was not written.");
        }
    }

    private ExitException unavailable(String why) {
        return new ExitException(ExitCode.TARGET_UNAVAILABLE, "the target " + target + " is unavailable: " + why);
    }

    LoadPlan plan() throws ExitException {
        URI uri = HttpUrl.parse(target).orElseThrow(() -> ExitException.invalidInput(
                "`--target` must be an http(s) URL such as http://localhost:8080, but was " + target));
        Optional<Duration> measured = duration.isPresent()
                ? Optional.of(DurationText.parse("--duration", duration.get())) : Optional.empty();
        OptionalLong count = requests.isPresent() ? OptionalLong.of(requests.get())
                : duration.isPresent() ? OptionalLong.empty() : OptionalLong.of(2 * RunLength.DEFAULT_REQUESTS_PER_ARM);
        Duration warm = DurationText.parse("--warmup", warmup);
        Duration perRequest = DurationText.parse("--timeout", timeout);
        if (requestsFile.isPresent()) {
            SmallInputFile.check("--requests-file", requestsFile.get(), SmallInputFile.REQUESTS_FILE_CAP);
        }
        try {
            return new LoadPlan(uri, versions.baseline(), versions.candidate(), endpoints, rate, warm, measured, count,
                    perRequest, seed, requestsFile, Optional.of(reportDir.resolve(REQUESTS_FILE)));
        } catch (IllegalArgumentException e) {
            throw ExitException.invalidInput(e.getMessage());
        }
    }
}
