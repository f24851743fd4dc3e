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

    /**
     * The first suspect that is not explained by another dimension, when the log shows a degradation at
     * all; with no worsening over time there is nothing to be the cause of.
     */
    public Optional<Suspect> primary() {
        if (strength == EvidenceStrength.NONE) {
            return Optional.empty();
        }
        return suspects.stream().filter(s -> s.explainedBy().isEmpty()).findFirst();
    }
}
