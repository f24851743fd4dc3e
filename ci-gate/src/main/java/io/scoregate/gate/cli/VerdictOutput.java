package io.scoregate.gate.cli;

import io.scoregate.gate.capacity.CapacityVerdict;
import io.scoregate.gate.judge.FinalVerdict;
import io.scoregate.gate.judge.Judgement;
import io.scoregate.gate.report.GateReport;
import io.scoregate.gate.report.LoadFigures;
import io.scoregate.gate.report.ReportWriters;
import io.scoregate.gate.window.FreezeDecision;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The last step judge and compare share: take the final verdict ({@link FinalVerdict}, decided in judge/), write
 * every report, and say it in one line on stdout (and one line on stderr when the exit code is not 0).
 */
final class VerdictOutput {

    private VerdictOutput() {
    }

    record Evidence(String source, long malformed, List<String> malformedExamples, long otherVersions,
                    Optional<LoadFigures> load) {
    }

    static int finish(String baseline, String candidate, FreezeDecision window, Optional<Judgement> judgement,
                      Evidence evidence, Path reportDir, ReportWriters writers, PrintWriter out, PrintWriter err)
            throws ExitException {
        return write(baseline, candidate, FinalVerdict.of(window, judgement), window, judgement, Optional.empty(),
                evidence, reportDir, writers, out, err);
    }

    /** {@code compare --capacity}: the capacity verdict decides, under the same freeze window. */
    static int finish(String baseline, String candidate, FreezeDecision window, CapacityVerdict capacity,
                      Evidence evidence, Path reportDir, ReportWriters writers, PrintWriter out, PrintWriter err)
            throws ExitException {
        return write(baseline, candidate, FinalVerdict.of(window, capacity.verdict(), capacity.reasons()), window,
                Optional.empty(), Optional.of(capacity), evidence, reportDir, writers, out, err);
    }

    private static int write(String baseline, String candidate, FinalVerdict verdict, FreezeDecision window,
                             Optional<Judgement> judgement, Optional<CapacityVerdict> capacity, Evidence evidence,
                             Path reportDir, ReportWriters writers, PrintWriter out, PrintWriter err)
            throws ExitException {
        ExitCode code = ExitCode.of(verdict);
        var report = new GateReport(verdict.verdict(), code.code(), verdict.reasons(), baseline, candidate,
                evidence.source(), window.at(), window, judgement, evidence.malformed(), evidence.malformedExamples(),
                evidence.otherVersions(), evidence.load(), capacity);
        List<Path> written;
        try {
            written = writers.writeAll(report, reportDir);
        } catch (IOException e) {
            throw ExitException.invalidInput("The reports cannot be written to " + reportDir + ": " + e);
        }
        out.println(verdict.verdict() + " (exit " + code.code() + "): " + verdict.firstReason());
        out.println("Reports: " + String.join(", ", written.stream().map(Path::toString).toList()));
        out.flush();
        if (code != ExitCode.PASS) {
            GateErrors.print(err, verdict.verdict() + ": " + verdict.firstReason());
        }
        return code.code();
    }
}
