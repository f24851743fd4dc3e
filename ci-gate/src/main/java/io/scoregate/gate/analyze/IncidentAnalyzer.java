package io.scoregate.gate.analyze;

import io.scoregate.gate.accesslog.ChunkedLogReader;
import io.scoregate.gate.accesslog.ReadSummary;
import io.scoregate.gate.accesslog.StreamedLogReader;
import io.scoregate.gate.accesslog.TimeMergedBatches;
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
    private final int readerThreads;
    private final long chunkBytes;

    /**
     * Reads a single plain log on every core ({@link ChunkedLogReader}), a single gzip log on one thread beside
     * the fold ({@link StreamedLogReader}), several logs each on its own thread, merged by time into batches
     * ({@link TimeMergedBatches}).
     */
    public IncidentAnalyzer(AnalysisThresholds thresholds) {
        this(thresholds, Math.min(64, Runtime.getRuntime().availableProcessors()), ChunkedLogReader.DEFAULT_CHUNK_BYTES);
    }

    /**
     * @param readerThreads threads parsing a single plain log (a single gzip log, and each of several logs, gets
     *                      one); 0 reads record by record, merged by time ({@link TimeMergedLogs}): the reference
     *                      the tests compare the batched reads with
     */
    IncidentAnalyzer(AnalysisThresholds thresholds, int readerThreads, long chunkBytes) {
        this.thresholds = thresholds;
        this.readerThreads = readerThreads;
        this.chunkBytes = chunkBytes;
    }

    /**
     * @throws NoValidRecordsException when the files hold no valid line
     * @throws IOException             when a file cannot be read
     */
    public IncidentAnalysis analyze(List<Path> files) throws IOException {
        var agg = new IncidentAggregator();
        ReadSummary read;
        if (readerThreads > 0 && files.size() == 1 && ChunkedLogReader.isPlain(files.get(0))) {
            // the common case, one plain file: parsed in chunks on every core, folded in file order
            read = new ChunkedLogReader(files.get(0), readerThreads, chunkBytes).read(agg.batchSink());
        } else if (readerThreads > 0 && files.size() == 1) {
            // one gzip file: a single stream, decompressed and parsed on one thread while this one folds
            read = new StreamedLogReader(files.get(0)).read(agg.batchSink());
        } else if (readerThreads > 0) {
            // several files: each parsed on its own thread, merged by time into batches, folded here
            read = new TimeMergedBatches(files).read(agg.batchSink());
        } else {
            try (var logs = TimeMergedLogs.open(files)) {
                while (logs.next()) {
                    agg.add(logs.current());
                }
                read = logs.summary();
            }
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
        List<String> notes = notes(agg, read);
        Duration width = Duration.ofMillis(timeline.widthMs());
        if (total.n == 0) {
            notes.add(0, "Every valid line was a REJECTED request (a client mistake), which says nothing about latency.");
            return new IncidentAnalysis(files, read, agg.rejected(), 0, Instant.EPOCH, Instant.EPOCH, width,
                    Optional.empty(), Optional.empty(), List.of(), Optional.empty(), List.of(), notes, List.of());
        }
        Optional<ChangePoint> latency = ChangePointDetector.latency(agg.all());
        Optional<ChangePoint> failures = ChangePointDetector.failureRate(agg.all());
        List<Incident> incidents = incidents(agg, total);
        Optional<Incident> hint = incidents.isEmpty() ? Optional.of(bestSplit(agg, total, latency, failures))
                : Optional.empty();
        List<Incident> shown = incidents.isEmpty() ? hint.stream().toList() : incidents;
        Optional<Suspect> top = shown.stream().findFirst().flatMap(i -> i.suspects().stream().findFirst());
        return new IncidentAnalysis(files, read, agg.rejected(), total.n, Instant.ofEpochMilli(total.firstEpochMs),
                Instant.ofEpochMilli(total.lastEpochMs), width, latency, failures, incidents, hint,
                notCorrelatedWithAny(agg, shown), notes, chart(agg, top));
    }

    private static List<String> notes(IncidentAggregator agg, ReadSummary read) {
        List<String> notes = new ArrayList<>();
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
        return notes;
    }

    /** An incident before merging: its window and the label of its primary suspect. */
    private record Candidate(Incident incident, int from, int to, Optional<String> primary) {
    }

    /**
     * Every worsening change point of every signal, each ranked inside its own segment against the segment
     * before it; then the ones that are the same thing seen twice are merged: the same primary suspect (or
     * none) in overlapping or adjacent windows, e.g. a slow version's latency and its timeouts, or the steps
     * binary segmentation cuts a slow drift into. Time order.
     */
    private List<Incident> incidents(IncidentAggregator agg, SlotStats total) {
        List<Candidate> found = new ArrayList<>();
        for (Signal signal : Signal.SEGMENTED) {
            var segments = BinarySegmentation.segment(agg.all(), signal, thresholds.falseAlarmRate(),
                    thresholds.minSegmentObservations());
            for (int j = 1; j < segments.size(); j++) {
                var prev = segments.get(j - 1);
                var cur = segments.get(j);
                if (worsens(signal, prev, cur)) {
                    // it lasts until the signal improves again, not merely until its next (worse) step
                    int last = j;
                    while (last + 1 < segments.size() && segments.get(last + 1).statistic() >= 0) {
                        last++;
                    }
                    int until = segments.get(last).toSlot();
                    Incident i = incident(agg, total, signal, prev, cur, until);
                    found.add(new Candidate(i, cur.fromSlot(), until, i.primary().map(Suspect::label)));
                }
            }
        }
        found.sort(java.util.Comparator.comparingInt(Candidate::from)
                .thenComparing(c -> c.incident().signal().ordinal()));
        List<Candidate> merged = new ArrayList<>();
        for (Candidate c : found) {
            int same = -1;
            for (int k = 0; k < merged.size() && same < 0; k++) {
                Candidate m = merged.get(k);
                same = m.primary().equals(c.primary()) && c.from() <= m.to() && m.from() <= c.to() ? k : -1;
            }
            if (same < 0) {
                merged.add(c);
                continue;
            }
            Candidate m = merged.get(same);
            List<Signal> signals = new ArrayList<>(m.incident().signals());
            if (!signals.contains(c.incident().signal())) {
                signals.add(c.incident().signal());
            }
            int to = Math.max(m.to(), c.to());
            Optional<Instant> end = m.incident().endedAt().isEmpty() || c.incident().endedAt().isEmpty()
                    ? Optional.empty() : to == m.to() ? m.incident().endedAt() : c.incident().endedAt();
            merged.set(same, new Candidate(m.incident().renumbered(0, signals, end), m.from(), to, m.primary()));
        }
        List<Incident> out = new ArrayList<>();
        for (Candidate c : merged) {
            out.add(c.incident().renumbered(out.size() + 1, c.incident().signals(), c.incident().endedAt()));
        }
        return out;
    }

    /** Worse, and by enough to matter: a significant 2% is not an incident. */
    private boolean worsens(Signal signal, BinarySegmentation.Segment prev, BinarySegmentation.Segment cur) {
        if (!(cur.statistic() > 0)) {
            return false;
        }
        if (signal == Signal.LATENCY) {
            return cur.level() >= prev.level() * thresholds.minLatencyRatio();
        }
        return cur.level() >= prev.level() * thresholds.minRateRatio()
                && cur.level() - prev.level() >= thresholds.minRateIncrease();
    }

    private Incident incident(IncidentAggregator agg, SlotStats total, Signal signal, BinarySegmentation.Segment prev,
                              BinarySegmentation.Segment cur, int until) {
        var window = new SuspectRanker.Window(prev.fromSlot(), cur.fromSlot(), cur.toSlot());
        SlotStats before = agg.all().sum(window.beforeFrom(), window.from());
        SlotStats after = agg.all().sum(window.from(), window.to());
        int slowBin = signal == Signal.LATENCY ? slowBin(before, total, thresholds.latencyQuantile())
                : slowBin(before, total);
        var ranking = new SuspectRanker(agg, window, signal, slowBin, thresholds).rank();
        EvidenceStrength strength = strength(cur.statistic(), before.n, after.n);
        Optional<Instant> end = until < Timeline.SLOTS
                ? Optional.of(Instant.ofEpochMilli(agg.all().peek(until).firstEpochMs)) : Optional.empty();
        return new Incident(0, List.of(signal), Optional.of(Instant.ofEpochMilli(after.firstEpochMs)), end,
                prev.level(), cur.level(), cur.statistic(), strength,
                strengthReason(strength, cur.statistic(), before.n, after.n, true), LatencyBins.upperEdge(slowBin),
                GroupStats.of(before, slowBin, signal), GroupStats.of(after, slowBin, signal), ranking.suspects(),
                ranking.notCorrelated(), breakdown(agg, ranking.suspects(), slowBin, window, signal));
    }

    /**
     * With no change point past the penalty: the single best split of "slow or failed", refined through
     * its top suspect (what analyze did before it segmented); evidence NONE, or WEAK in a log too short to
     * segment.
     */
    private Incident bestSplit(IncidentAggregator agg, SlotStats total, Optional<ChangePoint> latency,
                               Optional<ChangePoint> failures) {
        Optional<ChangePoint> overall = choose(latency, failures);
        int firstSplit = overall.map(ChangePoint::slot).orElse(0);
        // Which value is the suspect does not need the exact start: compare every value with the rest over
        // the whole log, "slow" meaning slower than the requests before the overall change.
        var firstRanking = new SuspectRanker(agg, SuspectRanker.Window.afterSplit(0), Signal.SLOW_OR_FAILED,
                slowBin(agg.all().sum(0, firstSplit), total), thresholds).rank();
        Optional<Start> start = firstRanking.suspects().stream().filter(x -> x.explainedBy().isEmpty()).findFirst()
                .map(top -> startOf(agg, top, total, firstSplit))
                .or(() -> overall.map(cp -> new Start(cp.slot(), cp.at())));
        int split = start.map(Start::slot).orElse(0);

        SlotStats before = agg.all().sum(0, split);
        SlotStats after = agg.all().sum(split, Timeline.SLOTS);
        int slowBin = slowBin(before, total);
        double z = degradedZ(before, after, slowBin);
        // A log long enough to segment had its chance: naming a cause there would be the false alarm the
        // penalty exists to prevent. Only a log too short for any test (the write-up's eight lines) gets
        // its best split as a weak hint.
        boolean tooShort = total.n < 2 * thresholds.minSegmentObservations();
        EvidenceStrength strength = !tooShort || start.isEmpty() || z < thresholds.minimumWorsening()
                ? EvidenceStrength.NONE : EvidenceStrength.WEAK;
        String reason = tooShort ? strengthReason(strength, z, before.n, after.n, false)
                : String.format(java.util.Locale.ROOT, "no incident: no change of latency, timeout rate or error rate "
                        + "passes the false-alarm penalty (set for at most a %.0f%% chance of any false alarm in a log "
                        + "where nothing changed)", 100 * thresholds.falseAlarmRate());
        var window = SuspectRanker.Window.afterSplit(split);
        var ranking = new SuspectRanker(agg, window, Signal.SLOW_OR_FAILED, slowBin, thresholds).rank();
        // with no degradation there is no start to report, whatever split scored best
        Optional<Instant> startedAt = strength == EvidenceStrength.NONE ? Optional.empty() : start.map(Start::at);
        return new Incident(1, List.of(Signal.SLOW_OR_FAILED), startedAt, Optional.empty(), Double.NaN, Double.NaN, z,
                strength, reason, LatencyBins.upperEdge(slowBin), GroupStats.of(before, slowBin),
                GroupStats.of(after, slowBin), ranking.suspects(), ranking.notCorrelated(),
                breakdown(agg, ranking.suspects(), slowBin, new SuspectRanker.Window(0, 0, Timeline.SLOTS),
                        Signal.SLOW_OR_FAILED));
    }

    /**
     * "Does not correlate" only for a dimension that explains none of the incidents: one that is the cause
     * of the second incident must not be dismissed because of the first. A dimension explains none of an
     * incident when none of its values reaches the minimum score there (it may still be listed, explained
     * away by another dimension).
     */
    private List<NotCorrelated> notCorrelatedWithAny(IncidentAggregator agg, List<Incident> shown) {
        List<NotCorrelated> out = new ArrayList<>();
        if (shown.isEmpty()) {
            return out;
        }
        for (String dim : agg.dimensions()) {
            boolean seen = shown.stream().anyMatch(i -> i.notCorrelated().stream().anyMatch(n -> n.dimension().equals(dim))
                    || i.suspects().stream().anyMatch(x -> x.dimension().equals(dim)));
            boolean explainsNone = shown.stream().allMatch(i -> i.suspects().stream()
                    .noneMatch(x -> x.dimension().equals(dim) && x.score() >= thresholds.minScore()));
            if (!seen || !explainsNone) {
                continue;
            }
            double max = shown.stream().flatMap(i -> i.notCorrelated().stream()).filter(n -> n.dimension().equals(dim))
                    .mapToDouble(NotCorrelated::maxScore).max().orElse(0);
            Optional<Incident> listed = shown.stream().filter(i -> i.notCorrelated().stream()
                    .anyMatch(n -> n.dimension().equals(dim))).findFirst();
            String reason = listed.map(i -> i.notCorrelated().stream().filter(n -> n.dimension().equals(dim))
                    .findFirst().orElseThrow().reason()).orElse("");
            if (shown.size() == 1 && listed.isPresent()) {
                out.add(new NotCorrelated(dim, reason, max));
            } else if (listed.isPresent()) {
                out.add(new NotCorrelated(dim, "explains none of the " + shown.size() + " incidents; in incident "
                        + listed.get().number() + " " + reason, max));
            } else {
                out.add(new NotCorrelated(dim, "explains none of the incidents: where its values look worse, another "
                        + "dimension explains it away", max));
            }
        }
        return out;
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
        return slowBin(before, total, thresholds.baselineQuantile());
    }

    private int slowBin(SlotStats before, SlotStats total, double quantile) {
        int bin = LatencyBins.quantileBin(before.okBins, quantile);
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

    private String strengthReason(EvidenceStrength s, double stat, long nBefore, long nAfter, boolean passedPenalty) {
        String counts = (nBefore == 1 ? "1 request" : nBefore + " requests") + " before the change and " + nAfter
                + " after";
        if (s == EvidenceStrength.WEAK && !passedPenalty && stat >= thresholds.moderateStatistic()) {
            return String.format(java.util.Locale.ROOT, "weak evidence: %s, standardized change %.1f, but no change "
                    + "point of latency, timeout rate or error rate passes the false-alarm penalty; treat the "
                    + "ranking as a hint", counts, stat);
        }
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

    private static List<ValueStats> breakdown(IncidentAggregator agg, List<Suspect> suspects, int slowBin,
                                              SuspectRanker.Window window, Signal signal) {
        if (suspects.isEmpty()) {
            return List.of();
        }
        int d = agg.dimensions().indexOf(suspects.get(0).dimension());
        List<ValueStats> out = new ArrayList<>();
        for (int v = 0; v < agg.values(d).size(); v++) {
            SlotStats s = agg.marginal(d, v).sum(window.from(), window.to());
            if (s.n > 0) {
                out.add(new ValueStats(SuspectRanker.display(agg.values(d).get(v)), GroupStats.of(s, slowBin, signal)));
            }
        }
        // the suspect first: with many values it must not fall off the list it is compared in
        String top = SuspectRanker.display(suspects.get(0).value());
        out.sort(java.util.Comparator.comparing((ValueStats x) -> !x.value().equals(top))
                .thenComparingLong(x -> -x.stats().requests()));
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
