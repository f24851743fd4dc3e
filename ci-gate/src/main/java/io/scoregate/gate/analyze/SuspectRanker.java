package io.scoregate.gate.analyze;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks dimension values by how much of the degradation after the change point they explain.
 *
 * <p>For each value: the degraded rate inside vs outside it (risk ratio) and its share of all degraded
 * requests (support), as in MacroBase; their product support x (1 - 1/RR) is the population attributable
 * fraction, "the share of the degradation that would vanish without this value". Then, against
 * confounding, the risk ratio is recomputed holding each other dimension fixed (Mantel-Haenszel) and the
 * smallest one is kept: a cause stays bad inside every stratum of every other dimension, a value that
 * merely travelled with the cause does not. Where the strata give no information (the two values always
 * occur together) the ranker says the two cannot be separated instead of guessing.
 */
final class SuspectRanker {

    private static final int MAX_SUSPECTS = 20;
    private static final int MAX_VALUES_IN_REASON = 4;

    private final IncidentAggregator agg;
    private final int split;
    private final int slowBin;
    private final AnalysisThresholds thresholds;
    private final SlotStats allBefore;
    private final SlotStats allAfter;
    private final List<List<Integer>> presentAfter = new ArrayList<>();

    SuspectRanker(IncidentAggregator agg, int split, int slowBin, AnalysisThresholds thresholds) {
        this.agg = agg;
        this.split = split;
        this.slowBin = slowBin;
        this.thresholds = thresholds;
        this.allBefore = agg.all().sum(0, split);
        this.allAfter = agg.all().sum(split, Timeline.SLOTS);
        for (int d = 0; d < agg.dimensions().size(); d++) {
            presentAfter.add(computeValuesAfter(d));
        }
    }

    record Ranking(List<Suspect> suspects, List<NotCorrelated> notCorrelated) {
    }

    Ranking rank() {
        List<Suspect> suspects = new ArrayList<>();
        List<NotCorrelated> notCorrelated = new ArrayList<>();
        long degradedAfter = allAfter.degraded(slowBin);
        for (int d = 0; d < agg.dimensions().size(); d++) {
            String dim = agg.dimensions().get(d);
            List<Integer> present = valuesAfter(d);
            if (present.isEmpty()) {
                continue;
            }
            if (present.size() == 1) {
                notCorrelated.add(new NotCorrelated(dim, "every request after the change had the same "
                        + dim + " (" + display(agg.values(d).get(present.get(0))) + "), so it cannot explain a change", 0));
                continue;
            }
            double maxScore = 0;
            List<Suspect> ofDim = new ArrayList<>();
            for (int v : present) {
                String value = agg.values(d).get(v);
                if (value.isEmpty() || degradedAfter == 0) {
                    continue;
                }
                Suspect s = evaluate(d, v, degradedAfter);
                maxScore = Math.max(maxScore, Math.max(s.score(), s.crudeScore()));
                if (s.score() >= thresholds.minScore() || s.crudeScore() >= thresholds.minScore()) {
                    ofDim.add(s);
                }
            }
            if (ofDim.isEmpty()) {
                notCorrelated.add(new NotCorrelated(dim, degradedRates(d, present), maxScore));
            }
            suspects.addAll(ofDim);
        }
        suspects.sort(Comparator.comparingDouble(Suspect::score).reversed()
                .thenComparing(Comparator.comparingDouble(Suspect::crudeScore).reversed())
                .thenComparing(Suspect::label));
        List<Suspect> ranked = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_SUSPECTS, suspects.size()); i++) {
            ranked.add(suspects.get(i).withRank(i + 1));
        }
        return new Ranking(ranked, notCorrelated);
    }

    private Suspect evaluate(int d, int v, long degradedAfter) {
        CellSeries cell = agg.marginal(d, v);
        SlotStats inBefore = cell.sum(0, split);
        SlotStats inAfter = cell.sum(split, Timeline.SLOTS);
        SlotStats outBefore = minus(allBefore, inBefore);
        SlotStats outAfter = minus(allAfter, inAfter);
        long a = inAfter.degraded(slowBin);
        var crudeStratum = new MantelHaenszel.Stratum(a, inAfter.n, degradedAfter - a, allAfter.n - inAfter.n);
        MantelHaenszel.Estimate crudeEstimate = MantelHaenszel.crude(crudeStratum);
        double crude = crudeEstimate.riskRatio();
        double support = (double) a / degradedAfter;

        List<Control> controls = new ArrayList<>();
        List<String> inseparable = new ArrayList<>();
        double adjusted = crude;
        MantelHaenszel.Estimate adjustedEstimate = crudeEstimate;
        String adjustedBy = "";
        for (int e = 0; e < agg.dimensions().size(); e++) {
            if (e == d || valuesAfter(e).size() < 2) {
                continue;
            }
            List<MantelHaenszel.Stratum> strata = new ArrayList<>();
            double informative = 0;
            List<String> alwaysTogether = new ArrayList<>();
            for (int u : valuesAfter(e)) {
                SlotStats joint = agg.pair(d, v, e, u).sum(split, Timeline.SLOTS);
                SlotStats stratum = agg.marginal(e, u).sum(split, Timeline.SLOTS);
                long ja = joint.degraded(slowBin);
                var s = new MantelHaenszel.Stratum(ja, joint.n, stratum.degraded(slowBin) - ja, stratum.n - joint.n);
                strata.add(s);
                if (s.informative()) {
                    informative += joint.n;
                } else if (joint.n > 0) {
                    alwaysTogether.add(agg.dimensions().get(e) + "=" + display(agg.values(e).get(u)));
                }
            }
            double share = inAfter.n == 0 ? 0 : informative / inAfter.n;
            MantelHaenszel.Estimate est = MantelHaenszel.pooled(strata);
            double rr = est.riskRatio();
            controls.add(new Control(agg.dimensions().get(e), rr, share));
            if (share < 1 - thresholds.collinearShare()) {
                inseparable.addAll(alwaysTogether);
            } else if (!Double.isNaN(rr) && !(rr >= adjusted)) {
                adjusted = rr;
                adjustedEstimate = est;
                adjustedBy = agg.dimensions().get(e);
            }
        }
        double crudeScore = attributable(support, crude);
        // Explained away: clearly bad on its own, but no longer distinguishable from no effect once another
        // dimension is held fixed. With too few requests to be clear either way, the point estimate stands.
        boolean explained = !adjustedBy.isEmpty() && (attributable(support, adjusted) < thresholds.minScore()
                || crudeEstimate.low() > 1 && adjustedEstimate.includesOne());
        double score = explained ? 0 : attributable(support, adjusted);
        List<String> explainedBy = explained ? List.of(adjustedBy) : List.of();
        long otherBaseline = allBefore.n + (allAfter.n - degradedAfter);
        double baselineShare = otherBaseline == 0 ? 0
                : (double) (inBefore.n + (inAfter.n - a)) / otherBaseline;
        long first = Math.min(inBefore.n > 0 ? inBefore.firstEpochMs : Long.MAX_VALUE, inAfter.firstEpochMs);
        return new Suspect(0, agg.dimensions().get(d), agg.values(d).get(v), score, crudeScore, crude, adjusted,
                support, baselineShare, explainedBy, inseparable, controls, GroupStats.of(inBefore, slowBin),
                GroupStats.of(inAfter, slowBin), GroupStats.of(outBefore, slowBin), GroupStats.of(outAfter, slowBin),
                Instant.ofEpochMilli(first));
    }

    private static double attributable(double support, double riskRatio) {
        if (Double.isNaN(riskRatio) || riskRatio <= 1) {
            return 0;
        }
        return Math.max(0, Math.min(1, support * (1 - 1 / riskRatio)));
    }

    private List<Integer> valuesAfter(int d) {
        return presentAfter.get(d);
    }

    private List<Integer> computeValuesAfter(int d) {
        List<Integer> out = new ArrayList<>();
        for (int v = 0; v < agg.values(d).size(); v++) {
            if (agg.marginal(d, v).sum(split, Timeline.SLOTS).n > 0) {
                out.add(v);
            }
        }
        return out;
    }

    private String degradedRates(int d, List<Integer> present) {
        List<String> parts = new ArrayList<>();
        List<Integer> byCount = new ArrayList<>(present);
        byCount.sort(Comparator.comparingLong((Integer v) -> -agg.marginal(d, v).sum(split, Timeline.SLOTS).n));
        for (int v : byCount.subList(0, Math.min(MAX_VALUES_IN_REASON, byCount.size()))) {
            SlotStats s = agg.marginal(d, v).sum(split, Timeline.SLOTS);
            long deg = s.degraded(slowBin);
            parts.add(display(agg.values(d).get(v)) + " " + Math.round(100.0 * deg / s.n) + "% (" + deg + "/" + s.n + ")");
        }
        String more = byCount.size() > MAX_VALUES_IN_REASON ? ", ..." : "";
        return "degraded share after the change is similar across values: " + String.join(", ", parts) + more;
    }

    private static SlotStats minus(SlotStats whole, SlotStats part) {
        SlotStats s = new SlotStats();
        s.addAll(whole);
        s.subtract(part);
        s.minMs = Double.NaN; // not subtractable: GroupStats reports 0 for unknown min/max
        s.maxMs = Double.NaN;
        return s;
    }

    static String display(String value) {
        return value.isEmpty() ? "(none)" : value;
    }
}
