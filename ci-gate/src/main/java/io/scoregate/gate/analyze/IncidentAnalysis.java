package io.scoregate.gate.analyze;

import io.scoregate.gate.accesslog.ReadSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The result of analysing access logs: what was read, when the degradation started, how strong that
 * evidence is, the ranked suspects, the dimensions that do not correlate, the chart series, and every value
 * of the primary suspect's dimension over the whole log (what the top suspect is compared with).
 */
public record IncidentAnalysis(List<String> files, ReadSummary read, long rejectedIgnored, long analysedRequests,
                               Instant firstRequest, Instant lastRequest, Duration slotWidth,
                               Optional<Instant> startedAt, Optional<ChangePoint> latencyChange,
                               Optional<ChangePoint> failureChange, EvidenceStrength strength,
                               String strengthReason, double slowThresholdMs, GroupStats before, GroupStats after,
                               List<Suspect> suspects, List<NotCorrelated> notCorrelated, List<String> notes,
                               List<ChartPoint> chart, List<ValueStats> primaryDimension) {

    public IncidentAnalysis {
        files = List.copyOf(files);
        suspects = List.copyOf(suspects);
        notCorrelated = List.copyOf(notCorrelated);
        notes = List.copyOf(notes);
        chart = List.copyOf(chart);
        primaryDimension = List.copyOf(primaryDimension);
    }

    /** The first suspect, if any value explains at least the minimum share of the degradation. */
    public Optional<Suspect> primary() {
        return suspects.stream().filter(s -> s.explainedBy().isEmpty()).findFirst();
    }
}
