package io.scoregate.gate.cli;

import io.scoregate.gate.accesslog.AccessLogReader;
import io.scoregate.gate.judge.ArmRecorder;
import io.scoregate.gate.judge.Judge;
import io.scoregate.gate.judge.Policy;
import io.scoregate.gate.judge.SequentialEvidence;
import io.scoregate.gate.judge.SequentialJudge;
import io.scoregate.gate.prometheus.PrometheusException;
import io.scoregate.gate.prometheus.PrometheusWindow;
import io.scoregate.gate.rollout.LatencyHistogramSnapshot;
import io.scoregate.gate.report.ReportWriters;
import io.scoregate.gate.window.FreezeCalendar;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code judge}: the verdict from recorded requests (an access log), freeze window checked at decision time. */
@Command(name = "judge", mixinStandardHelpOptions = true,
        description = "Judges a candidate version against a baseline from recorded requests (an access log, or "
                + "a Prometheus that scrapes the service), checks the freeze window, and writes the reports. Exit 0 PASS, 1 BLOCK, 2 frozen, "
                + "3 INCONCLUSIVE, 4 invalid input.")
public final class JudgeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--log", paramLabel = "FILE",
            description = "Access log (JSON Lines, plain or gzip); lines of other versions are ignored. "
                    + "One of --log and --prometheus.")
    Path log;

    @Mixin
    PrometheusOptions prometheus;

    @Option(names = "--window", defaultValue = "15m", paramLabel = "DURATION",
            description = "With --prometheus: how far back from now the evidence reaches (default ${DEFAULT-VALUE}); "
                    + "the window's per-version histograms are judged as one fixed sample. One of --log and --prometheus.")
    String window;

    @Mixin
    ComparedVersions versions;

    @Option(names = "--report-dir", required = true, paramLabel = "DIR", description = "Where the reports are written.")
    Path reportDir;

    /** How the log's evidence is judged. */
    enum EvidenceMode { SEQUENTIAL, FIXED_SAMPLE }

    @Option(names = "--evidence", defaultValue = "sequential", paramLabel = "sequential|fixed-sample",
            converter = EvidenceModeConverter.class,
            description = "sequential (default): BLOCK only on anytime-valid evidence, so a job that re-judges a "
                    + "growing log does not inflate false blocks; fixed-sample: the log is one planned run judged once, "
                    + "as compare judges its own.")
    EvidenceMode evidence;

    static final class EvidenceModeConverter implements picocli.CommandLine.ITypeConverter<EvidenceMode> {
        @Override
        public EvidenceMode convert(String value) {
            return switch (value) {
                case "sequential" -> EvidenceMode.SEQUENTIAL;
                case "fixed-sample" -> EvidenceMode.FIXED_SAMPLE;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "`--evidence` must be sequential or fixed-sample, but was " + value);
            };
        }
    }

    @Mixin
    GateOptions options;

    private final Clock clock;
    private final ReportWriters writers;

    public JudgeCommand() {
        this(Clock.systemUTC(), ReportWriters.fromSystemEnvironment());
    }

    public JudgeCommand(Clock clock, ReportWriters writers) {
        this.clock = clock;
        this.writers = writers;
    }

    @Override
    public Integer call() throws ExitException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Policy policy = options.loadPolicy();
        var override = options.override();
        Clock decisionClock = options.clock(clock);
        String baseline = versions.checked().baseline();
        String candidate = versions.candidate();
        if ((log == null) == !prometheus.given()) {
            throw ExitException.invalidInput("Give one source of evidence: `--log FILE` or `--prometheus URL`.");
        }
        if (prometheus.given()) {
            return judgeWindow(policy, override, decisionClock, out, err);
        }
        var arms = new ArmRecorder(baseline, candidate, SequentialEvidence.limitsOf(policy));
        var summary = read(arms);
        var judgement = evidence == EvidenceMode.SEQUENTIAL
                ? SequentialJudge.standard().judge(arms.baseline(), arms.candidate(), policy, arms.sequential())
                : Judge.standard().judge(arms.baseline(), arms.candidate(), policy, Optional.of(arms.sequential()));
        // the freeze is checked now, when the decision is made, not when the pipeline started
        var window = new FreezeCalendar(policy.freeze()).check(decisionClock, override);
        return VerdictOutput.finish(baseline, candidate, window, Optional.of(judgement),
                new VerdictOutput.Evidence(log.toString(), summary.malformed(), summary.malformedExamples(),
                        arms.otherVersions(), Optional.empty()), reportDir, writers, out, err);
    }

    /** {@code --prometheus}: the window's histograms, judged as one fixed sample (a window has no order). */
    private int judgeWindow(Policy policy, Optional<io.scoregate.gate.window.FreezeOverride> override, Clock decisionClock,
                            java.io.PrintWriter out, java.io.PrintWriter err) throws ExitException {
        URI url = prometheus.url();
        String selector = prometheus.selector();
        Duration span = DurationText.parse("--window", window);
        var client = prometheus.client();
        LatencyHistogramSnapshot histograms;
        try {
            histograms = PrometheusWindow.read(client, selector, span);
        } catch (IllegalArgumentException e) {
            throw ExitException.invalidInput(e.getMessage());
        } catch (PrometheusException e) {
            throw new ExitException(e.kind() == PrometheusException.Kind.BAD_QUERY ? ExitCode.INVALID_INPUT
                    : ExitCode.TARGET_UNAVAILABLE, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExitException(ExitCode.INTERRUPTED, "interrupted while querying Prometheus at " + url);
        }
        String baseline = versions.baseline();
        String candidate = versions.candidate();
        var arms = new ArmRecorder(baseline, candidate);
        Instant now = clock.instant();
        for (String version : List.of(baseline, candidate)) {
            if (histograms.count(version) == 0) {
                GateErrors.print(err, "Prometheus at " + url + " has no requests of " + version + " in the last "
                        + window + (selector.isBlank() ? "" : " matching {" + selector + "}"));
            }
            histograms.toRecords(version, "prometheus", now).forEach(arms);
        }
        var judgement = Judge.standard().judge(arms.baseline(), arms.candidate(), policy);
        var freeze = new FreezeCalendar(policy.freeze()).check(decisionClock, override);
        String source = "Prometheus " + url + ", the last " + window
                + (selector.isBlank() ? "" : " of {" + selector + "}") + " (histogram buckets, fixed sample)";
        return VerdictOutput.finish(baseline, candidate, freeze, Optional.of(judgement),
                new VerdictOutput.Evidence(source, 0, List.of(), 0, Optional.empty()), reportDir, writers, out, err);
    }

    /**
     * A log that is mostly not access-log lines is the wrong file (or a broken writer), not evidence: judging the
     * few lines that happen to parse would be judging a sample nobody chose. No record at all, or more malformed
     * lines than records, is exit 4; a few malformed lines (a torn last line) are counted and reported.
     */
    private io.scoregate.gate.accesslog.ReadSummary refuseGarbage(io.scoregate.gate.accesslog.ReadSummary summary)
            throws ExitException {
        if (summary.malformed() > summary.records()) {
            String example = summary.malformedExamples().isEmpty() ? "" : " (first: " + summary.malformedExamples().get(0) + ")";
            throw ExitException.invalidInput("The access log " + log + " is not an access log: " + summary.malformed()
                    + " of its " + (summary.malformed() + summary.records()) + " lines are malformed" + example + ".");
        }
        return summary;
    }

    private io.scoregate.gate.accesslog.ReadSummary read(ArmRecorder arms) throws ExitException {
        if (!Files.isRegularFile(log)) {
            throw ExitException.invalidInput("The access log " + log + " does not exist or is not a file.");
        }
        try {
            return refuseGarbage(AccessLogReader.read(log, arms));
        } catch (NoSuchFileException e) {
            throw ExitException.invalidInput("The access log " + log + " does not exist.");
        } catch (IOException e) {
            throw ExitException.invalidInput("The access log " + log + " cannot be read: " + e.getMessage());
        }
    }
}
