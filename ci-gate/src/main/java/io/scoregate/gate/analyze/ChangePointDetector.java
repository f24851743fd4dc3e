package io.scoregate.gate.analyze;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds when a degradation started: the single best split (one step of binary segmentation) of the
 * per-slot series into a before and an after segment, scored by how much worse the after segment is,
 * standardized so that a split with few requests on one side needs a larger difference. Latency is
 * compared on the log scale (latency is multiplicative), failures as a proportion. O(slots) with prefix
 * sums. Only worsening splits count: a recovery is not the start of an incident.
 */
final class ChangePointDetector {

    /** Variance floor of log latency: identical latencies must not make any difference infinitely significant. */
    private static final double MIN_LOG_VARIANCE = 1e-4;

    private ChangePointDetector() {
    }

    static Optional<ChangePoint> latency(CellSeries all) {
        return best(all, ChangePoint.Kind.LATENCY);
    }

    static Optional<ChangePoint> failureRate(CellSeries all) {
        return best(all, ChangePoint.Kind.FAILURE_RATE);
    }

    /** A worsening split of a proportion series: the first "after" slot and its two-proportion z. */
    record Split(int slot, double z) {
    }

    /** The best worsening split of per-slot (requests, bad) counts; slots with no request are skipped. */
    static Optional<Split> proportion(long[] n, long[] bad) {
        double totalN = 0;
        double totalB = 0;
        for (int i = 0; i < n.length; i++) {
            totalN += n[i];
            totalB += bad[i];
        }
        double p = totalN == 0 ? 0 : totalB / totalN;
        if (p <= 0 || p >= 1) {
            return Optional.empty();
        }
        double n1 = 0;
        double b1 = 0;
        Split best = null;
        for (int i = 0; i < n.length; i++) {
            if (n[i] == 0) {
                continue;
            }
            if (n1 > 0) {
                double n2 = totalN - n1;
                double z = ((totalB - b1) / n2 - b1 / n1) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
                if (z > 0 && (best == null || z > best.z())) {
                    best = new Split(i, z);
                }
            }
            n1 += n[i];
            b1 += bad[i];
        }
        return Optional.ofNullable(best);
    }

    private static Optional<ChangePoint> best(CellSeries all, ChangePoint.Kind kind) {
        List<SlotStats> slots = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < Timeline.SLOTS; i++) {
            SlotStats s = all.peek(i);
            if (s.n > 0) {
                slots.add(s);
                index.add(i);
            }
        }
        double totalN = 0;
        double totalF = 0;
        double totalL = 0;
        double totalQ = 0;
        for (SlotStats s : slots) {
            totalN += s.n;
            totalF += s.failed;
            totalL += s.sumLog;
            totalQ += s.sumLogSq;
        }
        double n1 = 0;
        double f1 = 0;
        double l1 = 0;
        double q1 = 0;
        double bestStat = 0;
        int bestK = -1;
        double bestBefore = 0;
        double bestAfter = 0;
        for (int k = 1; k < slots.size(); k++) {
            SlotStats s = slots.get(k - 1);
            n1 += s.n;
            f1 += s.failed;
            l1 += s.sumLog;
            q1 += s.sumLogSq;
            double n2 = totalN - n1;
            double stat;
            double before;
            double after;
            if (kind == ChangePoint.Kind.LATENCY) {
                double m1 = l1 / n1;
                double m2 = (totalL - l1) / n2;
                double ssw = (q1 - n1 * m1 * m1) + ((totalQ - q1) - n2 * m2 * m2);
                double df = totalN - 2;
                double var = df > 0 ? Math.max(ssw / df, MIN_LOG_VARIANCE) : MIN_LOG_VARIANCE;
                stat = (m2 - m1) / Math.sqrt(var * (1 / n1 + 1 / n2));
                before = Math.exp(m1);
                after = Math.exp(m2);
            } else {
                double p1 = f1 / n1;
                double p2 = (totalF - f1) / n2;
                double p = totalF / totalN;
                stat = p <= 0 || p >= 1 ? 0 : (p2 - p1) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
                before = p1;
                after = p2;
            }
            if (stat > bestStat) {
                bestStat = stat;
                bestK = k;
                bestBefore = before;
                bestAfter = after;
            }
        }
        if (bestK < 0) {
            return Optional.empty();
        }
        int slot = index.get(bestK);
        return Optional.of(new ChangePoint(kind, Instant.ofEpochMilli(slots.get(bestK).firstEpochMs), slot, bestStat,
                bestBefore, bestAfter));
    }
}
