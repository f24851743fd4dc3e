package io.scoregate.gate.cli;

import io.scoregate.gate.accesslog.AccessLogReader;
import io.scoregate.gate.judge.ArmRecorder;
import io.scoregate.gate.judge.Judge;
import io.scoregate.gate.judge.Policy;
import io.scoregate.gate.judge.SequentialEvidence;
import io.scoregate.gate.judge.SequentialJudge;
import io.scoregate.gate.report.ReportWriters;
import io.scoregate.gate.window.FreezeCalendar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code judge}: the verdict from recorded requests (an access log), freeze window checked at decision time. */
@Command(name = "judge", mixinStandardHelpOptions = true,
        description = "Judges a candidate version against a baseline from recorded requests in the access-log "
                + "format, checks the freeze window, and writes the reports. Exit 0 PASS, 1 BLOCK, 2 frozen, "
                + "3 INCONCLUSIVE, 4 invalid input.")
public final class JudgeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--log", required = true, paramLabel = "FILE",
            description = "Access log (JSON Lines, plain or gzip); lines of other versions are ignored.")
    Path log;

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
