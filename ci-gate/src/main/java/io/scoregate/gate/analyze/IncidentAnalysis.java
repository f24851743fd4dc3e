package io.scoregate.gate.analyze;

import io.scoregate.gate.accesslog.ReadSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The result of analysing access logs: what was read, the incidents found (change points of latency,
 * timeout rate or error rate that pass the false-alarm penalty, in time order, each with its own suspects),
 * the dimensions that explain none of them, and the chart series.
 *
 * <p>When no change point passes the penalty (a log too short to segment, like the write-up's eight lines),
 * {@code hint} holds the single best split of "slow or failed" with its suspects, as the analysis did
 * before it found several incidents; its evidence is never more than WEAK. The accessors {@link #startedAt},
 * {@link #suspects}, {@link #strength} ... are the first incident's, else the hint's.
 *
 * @param notCorrelated dimensions none of whose values explains any incident (or the hint)
 */
public record IncidentAnalysis(List<String> files, ReadSummary read, long rejectedIgnored, long analysedRequests,
                               Instant firstRequest, Instant lastRequest, Duration slotWidth,
                               Optional<ChangePoint> latencyChange, Optional<ChangePoint> failureChange,
                               List<Incident> incidents, Optional<Incident> hint,
                               List<NotCorrelated> notCorrelated, List<String> notes, List<ChartPoint> chart) {

    public IncidentAnalysis {
        files = List.copyOf(files);
        incidents = List.copyOf(incidents);
        notCorrelated = List.copyOf(notCorrelated);
        notes = List.copyOf(notes);
        chart = List.copyOf(chart);
    }

    /** The incidents, or the hint when there is none; what the reports show. */
    public List<Incident> shown() {
        return incidents.isEmpty() ? hint.stream().toList() : incidents;
    }

    private Optional<Incident> lead() {
        return shown().stream().findFirst();
    }

    public Optional<Instant> startedAt() {
        return lead().flatMap(Incident::startedAt);
    }

    public EvidenceStrength strength() {
        return lead().map(Incident::strength).orElse(EvidenceStrength.NONE);
    }

    public String strengthReason() {
        return lead().map(Incident::strengthReason).orElse("no request to analyse");
    }

    public double slowThresholdMs() {
        return lead().map(Incident::slowThresholdMs).orElse(0.0);
    }

    public GroupStats before() {
        return lead().map(Incident::before).orElse(GroupStats.EMPTY);
    }

    public GroupStats after() {
        return lead().map(Incident::after).orElse(GroupStats.EMPTY);
    }

    public List<Suspect> suspects() {
        return lead().map(Incident::suspects).orElse(List.of());
    }

    public List<ValueStats> primaryDimension() {
        return lead().map(Incident::primaryDimension).orElse(List.of());
    }

    /** The first incident's primary suspect (the hint's when there is no incident). */
    public Optional<Suspect> primary() {
        return lead().flatMap(Incident::primary);
    }
}
