package io.scoregate.gate.analyze;

import io.scoregate.gate.accesslog.ReadSummary;
import io.scoregate.gate.accesslog.TimeMergedLogs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads access logs (merged by time) once, then finds when the degradation started and which dimension
 * value explains it: {@link IncidentAggregator} -> {@link ChangePointDetector} -> {@link SuspectRanker}.
 */
public final class IncidentAnalyzer {

    private final AnalysisThresholds thresholds;

    public IncidentAnalyzer(AnalysisThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * @throws NoValidRecordsException when the files hold no valid line
     * @throws IOException             when a file cannot be read
     */
    public IncidentAnalysis analyze(List<Path> files) throws IOException {
        var agg = new IncidentAggregator();
        ReadSummary read;
        try (var logs = TimeMergedLogs.open(files)) {
            while (logs.next()) {
                agg.add(logs.current());
            }
            read = logs.summary();
        }
        if (read.records() == 0) {
            throw new NoValidRecordsException(read);
        }
        List<String> names = files.stream().map(Path::toString).toList();
        return analyze(agg, read, names);
    }

    IncidentAnalysis analyze(IncidentAggregator agg, ReadSummary read, List<String> files) {
        Timeline timeline = agg.timeline();
        SlotStats total = agg.all().sum(0, Timeline.SLOTS);
        List<String> notes = new ArrayList<>();
        if (total.n == 0) {
            notes.add("Every valid line was a REJECTED request (a client mistake), which says nothing about latency.");
            GroupStats empty = GroupStats.of(total, 0);
            return new IncidentAnalysis(files, read, agg.rejected(), 0, Instant.EPOCH, Instant.EPOCH,
                    Duration.ofMillis(timeline.widthMs()), Optional.empty(), Optional.empty(), Optional.empty(),
                    EvidenceStrength.NONE, "no request to analyse", 0, empty, empty, List.of(), List.of(), notes,
                    List.of(), List.of());
        }
        Optional<ChangePoint> latency = ChangePointDetector.latency(agg.all());
        Optional<ChangePoint> failures = ChangePointDetector.failureRate(agg.all());
        Optional<ChangePoint> overall = choose(latency, failures);
        int firstSplit = overall.map(ChangePoint::slot).orElse(0);
        // Which value is the suspect does not need the exact start: compare every value with the rest over
        // the whole log, "slow" meaning slower than the requests before the overall change.
        var firstRanking = new SuspectRanker(agg, 0, slowBin(agg.all().sum(0, firstSplit), total), thresholds).rank();
        Optional<Start> start = firstRanking.suspects().stream().filter(x -> x.explainedBy().isEmpty()).findFirst()
                .map(top -> startOf(agg, top, total, firstSplit))
                .or(() -> overall.map(cp -> new Start(cp.slot(), cp.at())));
        int split = start.map(Start::slot).orElse(0);

        SlotStats before = agg.all().sum(0, split);
        SlotStats after = agg.all().sum(split, Timeline.SLOTS);
        int slowBin = slowBin(before, total);
        double z = degradedZ(before, after, slowBin);
        EvidenceStrength strength = start.isEmpty() || z < thresholds.minimumWorsening() ? EvidenceStrength.NONE
                : strength(z, before.n, after.n);
        String reason = strengthReason(strength, z, before.n, after.n);

        var ranking = new SuspectRanker(agg, split, slowBin, thresholds).rank();
        if (read.malformed() > 0) {
            notes.add(read.malformed() + " of " + read.lines() + " lines were not valid access-log records and were skipped.");
        }
        if (agg.rejected() > 0) {
            notes.add(agg.rejected() + " REJECTED requests (client mistakes) were left out: they say nothing about the model.");
        }
        if (!agg.ignoredFields().isEmpty()) {
            notes.add("Only the first " + IncidentAggregator.MAX_DIMENSIONS + " fields are analysed as dimensions; "
                    + "not analysed: " + String.join(", ", agg.ignoredFields()) + ".");
        }
        for (String d : agg.overflowed()) {
            notes.add(d + " has more than " + IncidentAggregator.MAX_VALUES
                    + " values; values after the first " + (IncidentAggregator.MAX_VALUES - 1)
                    + " were counted together as " + IncidentAggregator.OTHER + ".");
        }
        List<ChartPoint> chart = chart(agg, ranking.suspects().stream().findFirst());
        // with no degradation there is no start to report, whatever split scored best
        Optional<Instant> startedAt = strength == EvidenceStrength.NONE ? Optional.empty() : start.map(Start::at);
        return new IncidentAnalysis(files, read, agg.rejected(), total.n, Instant.ofEpochMilli(total.firstEpochMs),
                Instant.ofEpochMilli(total.lastEpochMs), Duration.ofMillis(timeline.widthMs()), startedAt,
                latency, failures, strength, reason, LatencyBins.upperEdge(slowBin), GroupStats.of(before, slowBin),
                GroupStats.of(after, slowBin), ranking.suspects(), ranking.notCorrelated(), notes, chart,
                breakdown(agg, ranking.suspects(), slowBin));
    }

    /** Where the degradation started: a slot and the first request seen in it. */
    private record Start(int slot, Instant at) {
    }

    /**
     * When the top suspect's own degradation began. The overall series mixes the suspect's requests with
     * healthy ones (v1.2 kept answering fast after v1.3 arrived), so its best split can land late; the
     * suspect's own requests, judged against everyone else's latency, say when it went bad: at its own
     * significant worsening if it has one, else at its first appearance if it appeared during the log (a
     * new version that was slow from its first request), else where the overall series changed.
     */
    private Start startOf(IncidentAggregator agg, Suspect top, SlotStats total, int fallbackSlot) {
        int d = agg.dimensions().indexOf(top.dimension());
        CellSeries cell = agg.marginal(d, agg.values(d).indexOf(top.value()));
        SlotStats inside = cell.sum(0, Timeline.SLOTS);
        SlotStats outside = new SlotStats();
        outside.addAll(total);
        outside.subtract(inside);
        int bin = LatencyBins.quantileBin(outside.okBins, thresholds.baselineQuantile());
        if (bin < 0) {
            bin = slowBin(agg.all().sum(0, fallbackSlot), total);
        }
        long[] n = new long[Timeline.SLOTS];
        long[] bad = new long[Timeline.SLOTS];
        int firstSlot = -1;
        for (int i = 0; i < Timeline.SLOTS; i++) {
            SlotStats s = cell.peek(i);
            n[i] = s.n;
            bad[i] = s.n == 0 ? 0 : s.degraded(bin);
            if (firstSlot < 0 && s.n > 0) {
                firstSlot = i;
            }
        }
        var own = ChangePointDetector.proportion(n, bad);
        if (own.isPresent() && own.get().z() >= thresholds.moderateStatistic()) {
            int slot = own.get().slot();
            return new Start(slot, Instant.ofEpochMilli(cell.peek(slot).firstEpochMs));
        }
        int logFirst = -1;
        for (int i = 0; i < Timeline.SLOTS && logFirst < 0; i++) {
            logFirst = agg.all().peek(i).n > 0 ? i : -1;
        }
        if (firstSlot > logFirst) {
            return new Start(firstSlot, Instant.ofEpochMilli(cell.peek(firstSlot).firstEpochMs));
        }
        return new Start(fallbackSlot, Instant.ofEpochMilli(agg.all().peek(fallbackSlot).firstEpochMs));
    }

    /** Two-proportion z of the degraded share after vs before; 0 when either side is empty. */
    private static double degradedZ(SlotStats before, SlotStats after, int slowBin) {
        if (before.n == 0 || after.n == 0) {
            return 0;
        }
        double b1 = before.degraded(slowBin);
        double b2 = after.degraded(slowBin);
        double p = (b1 + b2) / (before.n + after.n);
        if (p <= 0 || p >= 1) {
            return 0;
        }
        return (b2 / after.n - b1 / before.n) / Math.sqrt(p * (1 - p) * (1.0 / before.n + 1.0 / after.n));
    }

    /** Both significant: the earlier one is when it started. Otherwise the stronger. */
    private Optional<ChangePoint> choose(Optional<ChangePoint> latency, Optional<ChangePoint> failures) {
        if (latency.isEmpty() || failures.isEmpty()) {
            return latency.isPresent() ? latency : failures;
        }
        ChangePoint l = latency.get();
        ChangePoint f = failures.get();
        double sig = thresholds.moderateStatistic();
        if (l.statistic() >= sig && f.statistic() >= sig) {
            return Optional.of(l.slot() <= f.slot() ? l : f);
        }
        return Optional.of(l.statistic() >= f.statistic() ? l : f);
    }

    /**
     * Slow means above the baseline's high quantile; with no baseline (degraded from the first line), above
     * twice the overall median.
     */
    private int slowBin(SlotStats before, SlotStats total) {
        int bin = LatencyBins.quantileBin(before.okBins, thresholds.baselineQuantile());
        if (bin >= 0) {
            return bin;
        }
        int median = LatencyBins.quantileBin(total.okBins, 0.5);
        return median < 0 ? LatencyBins.COUNT - 1 : Math.min(LatencyBins.COUNT - 1, median + 1);
    }

    private EvidenceStrength strength(double stat, long nBefore, long nAfter) {
        long fewer = Math.min(nBefore, nAfter);
        if (stat >= thresholds.strongStatistic() && fewer >= thresholds.strongRequests()) {
            return EvidenceStrength.STRONG;
        }
        if (stat >= thresholds.moderateStatistic() && fewer >= thresholds.moderateRequests()) {
            return EvidenceStrength.MODERATE;
        }
        return EvidenceStrength.WEAK;
    }

    private String strengthReason(EvidenceStrength s, double stat, long nBefore, long nAfter) {
        String counts = (nBefore == 1 ? "1 request" : nBefore + " requests") + " before the change and " + nAfter
                + " after";
        return switch (s) {
            case NONE -> String.format(java.util.Locale.ROOT, "no degradation: the requests after the best split "
                    + "(%s) are not worse than those before it beyond chance (z = %.1f, below %.1f)", counts, stat,
                    thresholds.minimumWorsening());
            case WEAK -> String.format(java.util.Locale.ROOT,
                    "weak evidence: %s, and a standardized change of only %.1f (below %.0f); treat the ranking as a "
                            + "hint and confirm it with more traffic", counts, stat,
                    thresholds.moderateStatistic());
            case MODERATE -> String.format(java.util.Locale.ROOT, "moderate evidence: %s, standardized change %.1f",
                    counts, stat);
            case STRONG -> String.format(java.util.Locale.ROOT, "strong evidence: %s, standardized change %.1f",
                    counts, stat);
        };
    }

    private static List<ChartPoint> chart(IncidentAggregator agg, Optional<Suspect> top) {
        List<ChartPoint> points = new ArrayList<>();
        Optional<CellSeries> inside = top.map(s -> {
            int d = agg.dimensions().indexOf(s.dimension());
            return agg.marginal(d, agg.values(d).indexOf(s.value()));
        });
        Timeline t = agg.timeline();
        for (int i = 0; i < Timeline.SLOTS; i++) {
            SlotStats all = agg.all().peek(i);
            if (all.n == 0) {
                continue;
            }
            int slot = i;
            SlotStats in = inside.map(c -> c.peek(slot)).orElseGet(SlotStats::new);
            SlotStats out = new SlotStats();
            out.addAll(all);
            out.subtract(in);
            points.add(new ChartPoint(Instant.ofEpochMilli(t.slotStartMs(i)), in.n, mean(in), rate(in), out.n,
                    mean(out), rate(out)));
        }
        return points;
    }

    private static final int MAX_BREAKDOWN_VALUES = 10;

    private static List<ValueStats> breakdown(IncidentAggregator agg, List<Suspect> suspects, int slowBin) {
        if (suspects.isEmpty()) {
            return List.of();
        }
        int d = agg.dimensions().indexOf(suspects.get(0).dimension());
        List<ValueStats> out = new ArrayList<>();
        for (int v = 0; v < agg.values(d).size(); v++) {
            SlotStats s = agg.marginal(d, v).sum(0, Timeline.SLOTS);
            if (s.n > 0) {
                out.add(new ValueStats(SuspectRanker.display(agg.values(d).get(v)), GroupStats.of(s, slowBin)));
            }
        }
        out.sort(java.util.Comparator.comparingLong((ValueStats x) -> -x.stats().requests()));
        return out.subList(0, Math.min(MAX_BREAKDOWN_VALUES, out.size()));
    }

    private static double mean(SlotStats s) {
        return s.n == 0 ? 0 : s.sumMs / s.n;
    }

    private static double rate(SlotStats s) {
        return s.n == 0 ? 0 : (double) s.failed / s.n;
    }

    /** No line of the given files was a valid access-log record. */
    public static final class NoValidRecordsException extends IOException {
        private final transient ReadSummary read;

        NoValidRecordsException(ReadSummary read) {
            super("no valid access-log line in " + read.lines() + " lines"
                    + (read.malformedExamples().isEmpty() ? "" : " (first problem: " + read.malformedExamples().get(0) + ")"));
            this.read = read;
        }

        public ReadSummary read() {
            return read;
        }
    }
}
