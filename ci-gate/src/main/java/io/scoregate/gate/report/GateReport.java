package io.scoregate.gate.report;

import io.scoregate.gate.capacity.CapacityVerdict;
import io.scoregate.gate.judge.Judgement;
import io.scoregate.gate.judge.Verdict;
import io.scoregate.gate.window.FreezeDecision;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything one gate run decided, as every report format shows it. {@code judgement} is empty when the
 * run stopped before measuring (a freeze without override).
 *
 * @param source         where the evidence came from: the log file, or the target URL of a compare run
 * @param malformedLines access-log lines that could not be read (skipped, never fatal)
 * @param otherVersions  lines of versions other than the two compared (ignored)
 * @param load           how the load went, for compare runs
 * @param capacity       the capacity comparison, for {@code compare --capacity} runs (then {@code judgement} is
 *                       empty: the verdict is the capacity's)
 */
public record GateReport(Verdict verdict, int exitCode, List<String> reasons, String baseline, String candidate,
                         String source, Instant decidedAt, FreezeDecision window, Optional<Judgement> judgement,
                         long malformedLines, List<String> malformedExamples, long otherVersions,
                         Optional<LoadFigures> load, Optional<CapacityVerdict> capacity) {

    public GateReport {
        reasons = List.copyOf(reasons);
        malformedExamples = List.copyOf(malformedExamples);
    }
}
