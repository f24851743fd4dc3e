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
    private final Window window;
    private final Signal signal;
    private final int slowBin;
    private final AnalysisThresholds thresholds;
    private final SlotStats allBefore;
    private final SlotStats allAfter;
    /** The baseline's degraded rate, and the degraded requests in the window beyond it. */
    private final double allRate;
    private final double excessAll;
    private final List<List<Integer>> presentAfter = new ArrayList<>();
    /** Each stratum's totals in the window and the baseline, summed once per ranking, not once per suspect. */
    private final java.util.Map<Long, SlotStats> strata = new java.util.HashMap<>();

    /**
     * The slots compared: the baseline [beforeFrom, from) and the incident [from, to). The suspects are
     * ranked inside the incident; the baseline gives each value's own earlier behaviour.
     */
    record Window(int beforeFrom, int from, int to) {
        static Window afterSplit(int split) {
            return new Window(0, split, Timeline.SLOTS);
        }
    }

    SuspectRanker(IncidentAggregator agg, Window window, Signal signal, int slowBin, AnalysisThresholds thresholds) {
        this.agg = agg;
        this.window = window;
        this.signal = signal;
        this.slowBin = slowBin;
        this.thresholds = thresholds;
        this.allBefore = agg.all().sum(window.beforeFrom(), window.from());
        this.allAfter = agg.all().sum(window.from(), window.to());
        this.allRate = allBefore.n == 0 ? 0 : (double) signal.degraded(allBefore, slowBin) / allBefore.n;
        this.excessAll = signal.degraded(allAfter, slowBin) - allAfter.n * allRate;
        for (int d = 0; d < agg.dimensions().size(); d++) {
            presentAfter.add(computeValuesAfter(d));
        }
    }

    record Ranking(List<Suspect> suspects, List<NotCorrelated> notCorrelated) {
    }

    Ranking rank() {
        List<Suspect> suspects = new ArrayList<>();
        List<NotCorrelated> notCorrelated = new ArrayList<>();
        long degradedAfter = signal.degraded(allAfter, slowBin);
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
        SlotStats inBefore = cell.sum(window.beforeFrom(), window.from());
        SlotStats inAfter = cell.sum(window.from(), window.to());
        SlotStats outBefore = minus(allBefore, inBefore);
        SlotStats outAfter = minus(allAfter, inAfter);
        long a = signal.degraded(inAfter, slowBin);
        var crudeStratum = new MantelHaenszel.Stratum(a, inAfter.n, degradedAfter - a, allAfter.n - inAfter.n);
        MantelHaenszel.Estimate crudeEstimate = MantelHaenszel.crude(crudeStratum);
        double crude = crudeEstimate.riskRatio();
        double support = (double) a / degradedAfter;

        List<Control> controls = new ArrayList<>();
        List<String> inseparable = new ArrayList<>();
        double adjusted = crude;
        MantelHaenszel.Estimate adjustedEstimate = crudeEstimate;
        String adjustedBy = "";
        double changeShare = changeShare(inBefore, inAfter, a, degradedAfter);
        boolean ownBaseline = inBefore.n >= thresholds.minSegmentObservations();
        for (int e = 0; e < agg.dimensions().size(); e++) {
            if (e == d || valuesAfter(e).size() < 2) {
                continue;
            }
            double excess = 0;
            List<MantelHaenszel.Stratum> strata = new ArrayList<>();
            double informative = 0;
            List<String> alwaysTogether = new ArrayList<>();
            for (int u : valuesAfter(e)) {
                SlotStats joint = agg.pair(d, v, e, u).sum(window.from(), window.to());
                SlotStats stratum = stratum(e, u, false);
                long ja = signal.degraded(joint, slowBin);
                var s = new MantelHaenszel.Stratum(ja, joint.n, signal.degraded(stratum, slowBin) - ja,
                        stratum.n - joint.n);
                strata.add(s);
                if (ownBaseline && joint.n > 0) {
                    excess += excessInStratum(agg.pair(d, v, e, u).sum(window.beforeFrom(), window.from()), joint,
                            inBefore, stratum(e, u, true), stratum);
                }
                if (s.informative()) {
                    informative += joint.n;
                } else if (joint.n > 0) {
                    alwaysTogether.add(agg.dimensions().get(e) + "=" + display(agg.values(e).get(u)));
                }
            }
            if (ownBaseline && excessAll > 0) {
                changeShare = Math.min(changeShare, Math.max(0, Math.min(1, excess / excessAll)));
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
        // A value as degraded before this change as after it did not start this incident (an earlier one
        // still running), however much of the window's degradation it carries: the score is a share of the
        // new degraded requests. The attributable fraction counts old and new ones; as a share of the new
        // ones it is larger by the window's share of new degradation.
        double newShare = degradedAfter == 0 ? 1 : Math.max(1e-9, Math.min(1, excessAll / degradedAfter));
        double score = explained ? 0 : Math.min(changeShare, Math.min(1, attributable(support, adjusted) / newShare));
        List<String> explainedBy = explained ? List.of(adjustedBy) : List.of();
        long otherBaseline = allBefore.n + (allAfter.n - degradedAfter);
        double baselineShare = otherBaseline == 0 ? 0
                : (double) (inBefore.n + (inAfter.n - a)) / otherBaseline;
        long first = Math.min(inBefore.n > 0 ? inBefore.firstEpochMs : Long.MAX_VALUE, inAfter.firstEpochMs);
        return new Suspect(0, agg.dimensions().get(d), agg.values(d).get(v), score, crudeScore, crude, adjusted,
                support, baselineShare, changeShare, explainedBy, inseparable, controls, group(inBefore),
                group(inAfter), group(outBefore), group(outAfter), Instant.ofEpochMilli(first));
    }

    private GroupStats group(SlotStats s) {
        return GroupStats.of(s, slowBin, signal);
    }

    /**
     * The value's share of the degraded requests that are new in this window: its degraded requests beyond
     * what its own baseline rate predicts (the overall baseline rate when it had too few requests before,
     * e.g. a new version), over the same excess for all requests. With no baseline at all it is the support.
     */
    private double changeShare(SlotStats inBefore, SlotStats inAfter, long degradedInside, long degradedAfter) {
        if (excessAll <= 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, (degradedInside - inAfter.n * rate(inBefore, allRate)) / excessAll));
    }

    /**
     * Within one stratum of another dimension: the value's new degraded requests beyond what the rest of
     * the stratum's change explains (a difference in differences). A slow version whose requests got worse
     * only in the region that got slow did not change by itself: the region did.
     */
    private double excessInStratum(SlotStats jointBefore, SlotStats joint, SlotStats inBefore,
                                   SlotStats stratumBefore, SlotStats stratum) {
        double ownBefore = rate(jointBefore, rate(inBefore, allRate));
        double ownAfter = (double) signal.degraded(joint, slowBin) / joint.n;
        SlotStats restBefore = minus(stratumBefore, jointBefore);
        SlotStats restAfter = minus(stratum, joint);
        double restChange = restAfter.n == 0 ? 0
                : (double) signal.degraded(restAfter, slowBin) / restAfter.n - rate(restBefore, allRate);
        return joint.n * ((ownAfter - ownBefore) - restChange);
    }

    /** The degraded rate of a baseline group with enough requests to say, else {@code fallback}. */
    private double rate(SlotStats before, double fallback) {
        return before.n >= thresholds.minSegmentObservations()
                ? (double) signal.degraded(before, slowBin) / before.n : fallback;
    }

    private SlotStats stratum(int e, int u, boolean before) {
        long key = ((long) e * IncidentAggregator.MAX_VALUES + u) * 2 + (before ? 1 : 0);
        return strata.computeIfAbsent(key, k -> before ? agg.marginal(e, u).sum(window.beforeFrom(), window.from())
                : agg.marginal(e, u).sum(window.from(), window.to()));
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
            if (agg.marginal(d, v).sum(window.from(), window.to()).n > 0) {
                out.add(v);
            }
        }
        return out;
    }

    private String degradedRates(int d, List<Integer> present) {
        List<String> parts = new ArrayList<>();
        List<Integer> byCount = new ArrayList<>(present);
        byCount.sort(Comparator.comparingLong((Integer v) -> -agg.marginal(d, v).sum(window.from(), window.to()).n));
        for (int v : byCount.subList(0, Math.min(MAX_VALUES_IN_REASON, byCount.size()))) {
            SlotStats s = agg.marginal(d, v).sum(window.from(), window.to());
            long deg = signal.degraded(s, slowBin);
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
