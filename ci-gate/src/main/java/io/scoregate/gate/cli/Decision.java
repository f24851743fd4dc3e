package io.scoregate.gate.cli;

import io.scoregate.gate.judge.Judgement;
import io.scoregate.gate.judge.Verdict;
import io.scoregate.gate.report.GateReport;
import io.scoregate.gate.report.LoadFigures;
import io.scoregate.gate.report.ReportWriters;
import io.scoregate.gate.window.FreezeDecision;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last step judge and compare share: combine the freeze check and the judgement into a verdict and
 * exit code, write every report, and say it in one line on stdout (and one sentence on stderr when the
 * exit code is not 0).
 */
final class Decision {

    private Decision() {
    }

    record Evidence(String source, long malformed, List<String> malformedExamples, long otherVersions,
                    Optional<LoadFigures> load) {
    }

    static ExitCode exitCodeOf(Verdict v) {
        return switch (v) {
            case PASS -> ExitCode.PASS;
            case BLOCK -> ExitCode.BLOCK_REGRESSION;
            case INCONCLUSIVE -> ExitCode.INCONCLUSIVE;
        };
    }

    static int finish(String baseline, String candidate, FreezeDecision window, Optional<Judgement> judgement,
                      Evidence evidence, Path reportDir, ReportWriters writers, PrintWriter out, PrintWriter err)
            throws InvalidInputException {
        Verdict verdict;
        ExitCode code;
        List<String> reasons = new ArrayList<>();
        if (window.blocks()) {
            verdict = Verdict.BLOCK;
            code = ExitCode.BLOCK_FREEZE;
            reasons.add(freezeSentence(window));
        } else {
            var j = judgement.orElseThrow();
            verdict = j.verdict();
            code = exitCodeOf(verdict);
            reasons.addAll(j.reasons());
            if (window.overridden()) {
                var o = window.override().get();
                reasons.add("Promotion is frozen (" + window.window().orElse("") + ") but overridden by " + o.approver()
                        + ": " + o.reason() + o.ticket().map(t -> " (" + t + ")").orElse("") + ".");
            }
        }
        var report = new GateReport(verdict, code.code(), reasons, baseline, candidate, evidence.source(), window.at(),
                window, judgement, evidence.malformed(), evidence.malformedExamples(), evidence.otherVersions(),
                evidence.load());
        List<Path> written;
        try {
            written = writers.writeAll(report, reportDir);
        } catch (IOException e) {
            throw new InvalidInputException("The reports cannot be written to " + reportDir + ": " + e);
        }
        out.println(verdict + " (exit " + code.code() + "): " + reasons.get(0));
        out.println("Reports: " + written.stream().map(Path::toString).reduce((a, b) -> a + ", " + b).orElse(""));
        out.flush();
        if (code != ExitCode.PASS) {
            err.println("ci-gate: " + verdict + ": " + reasons.get(0));
            err.flush();
        }
        return code.code();
    }

    static String freezeSentence(FreezeDecision w) {
        return "Promotion is frozen by " + w.window().orElse("a freeze window") + " until "
                + w.until().map(Instant::toString).orElse("further notice") + " (" + w.zone().getId()
                + "); pass --override-approver and --override-reason to override.";
    }
}
