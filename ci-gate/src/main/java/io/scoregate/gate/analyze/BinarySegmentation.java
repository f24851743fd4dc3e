package io.scoregate.gate.analyze;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Several change points in one signal's per-slot series: binary segmentation (Scott and Knott 1974,
 * Vostrikova 1981) on the slot totals the single streaming pass already collected, so finding more change
 * points costs no extra pass over the file.
 *
 * <p>Each step splits a segment where the likelihood-ratio statistic (twice the log-likelihood gained by
 * giving the two sides their own level) is largest, and keeps the split only when that statistic exceeds
 * the penalty. Latency is modelled as normal on the log scale (a mean shift of log latency, variance pooled
 * within slots); timeouts and errors as Bernoulli. The penalty is a Bonferroni bound: with no change in the
 * log and independent requests, each of the (slots - 1) candidate splits of each of the
 * {@link Signal#SEGMENTED} signals has an asymptotically chi-square(1) statistic, so a penalty equal to the
 * chi-square(1) quantile at 1 - alpha / (3 (slots - 1)) makes the chance of any false change point in the
 * whole log at most alpha (conservative: neighbouring splits are correlated). The same bound holds for each
 * later test of a segment that has no change in it.
 *
 * <p>Requests are rarely independent in a real service (load, caches, a noisy neighbour move whole slots
 * together), which would make every wiggle "significant" with enough traffic; so the statistic is divided
 * by an overdispersion factor estimated robustly from neighbouring slots (the squared median absolute
 * standardized difference / 0.6745, at least 1), which a step or a slow drift hardly moves.
 *
 * <p>Cost: O(slots) per split with prefix sums, at most {@link #MAX_CHANGES} splits: O(slots^2) at worst.
 */
final class BinarySegmentation {

    /** More than this many change points in one signal would be noise for a reader; the largest come first. */
    static final int MAX_CHANGES = 16;
    /** Pairs of neighbouring slots needed before the overdispersion estimate is trusted. */
    private static final int MIN_DISPERSION_PAIRS = 10;
    /** A rate's neighbouring slots are compared only when both expect this many events and non-events. */
    private static final double MIN_EXPECTED = 5;
    private static final double MAD_TO_SD = 0.6744897501960817;
    private static final double MIN_LOG_VARIANCE = 1e-4;

    /**
     * One stretch of constant level: slots [fromSlot, toSlot), its observations (requests that did not
     * fail for latency, all requests for rates), its level (geometric mean ms for latency, a share for
     * rates) and the signed standardized change from the previous segment (0 for the first).
     */
    record Segment(int fromSlot, int toSlot, double observations, double level, double statistic) {
    }

    private final Signal signal;
    private final int[] slot;
    private final double[] cumN;
    private final double[] cumS;
    private final double variance;
    private final double dispersion;
    private final double minObservations;

    private BinarySegmentation(Signal signal, CellSeries all, double minObservations) {
        this.signal = signal;
        this.minObservations = minObservations;
        List<SlotStats> used = new ArrayList<>();
        int[] slots = new int[Timeline.SLOTS];
        for (int i = 0; i < Timeline.SLOTS; i++) {
            SlotStats s = all.peek(i);
            if (s.n > 0) {
                slots[used.size()] = i;
                used.add(s);
            }
        }
        int m = used.size();
        slot = Arrays.copyOf(slots, m);
        double[] n = new double[m];
        double[] s = new double[m];
        double within = 0;
        double withinDf = 0;
        for (int i = 0; i < m; i++) {
            SlotStats x = used.get(i);
            switch (signal) {
                case LATENCY -> {
                    n[i] = x.n - x.failed;
                    s[i] = x.okSumLog;
                    if (n[i] > 1) {
                        within += x.okSumLogSq - x.okSumLog * x.okSumLog / n[i];
                        withinDf += n[i] - 1;
                    }
                }
                case TIMEOUT_RATE -> {
                    n[i] = x.n;
                    s[i] = x.timeouts();
                }
                case ERROR_RATE -> {
                    n[i] = x.n;
                    s[i] = x.errors;
                }
                case SLOW_OR_FAILED -> throw new IllegalArgumentException("SLOW_OR_FAILED is not segmented");
            }
        }
        variance = withinDf > 0 ? Math.max(within / withinDf, MIN_LOG_VARIANCE) : MIN_LOG_VARIANCE;
        cumN = new double[m + 1];
        cumS = new double[m + 1];
        for (int i = 0; i < m; i++) {
            cumN[i + 1] = cumN[i] + n[i];
            cumS[i + 1] = cumS[i] + s[i];
        }
        dispersion = dispersion(n, s);
    }

    /**
     * The segments of one signal over the whole log, in time order; one segment when nothing changed.
     *
     * @param falseAlarmRate  alpha: the chance of any false change point in a log with no change, over all
     *                        three signals together
     * @param minObservations a split needs at least this many observations on each side
     */
    static List<Segment> segment(CellSeries all, Signal signal, double falseAlarmRate, double minObservations) {
        var bs = new BinarySegmentation(signal, all, minObservations);
        return bs.segments(penalty(falseAlarmRate, bs.slot.length - 1));
    }

    /** The chi-square(1) quantile at 1 - alpha / (3 positions): Bonferroni over signals and split positions. */
    static double penalty(double falseAlarmRate, int positions) {
        double tail = falseAlarmRate / (Signal.SEGMENTED.size() * Math.max(1, positions));
        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(1 - tail / 2);
        return z * z;
    }

    private List<Segment> segments(double penalty) {
        int m = slot.length;
        List<Integer> cuts = new ArrayList<>();
        Deque<int[]> todo = new ArrayDeque<>();
        if (m > 1) {
            todo.push(new int[] {0, m});
        }
        while (!todo.isEmpty() && cuts.size() < MAX_CHANGES) {
            int[] seg = todo.pop();
            int bestK = -1;
            double best = penalty;
            for (int k = seg[0] + 1; k < seg[1]; k++) {
                double g = gain(seg[0], k, seg[1]);
                if (g > best) {
                    best = g;
                    bestK = k;
                }
            }
            if (bestK > 0) {
                cuts.add(bestK);
                todo.push(new int[] {bestK, seg[1]});
                todo.push(new int[] {seg[0], bestK});
            }
        }
        cuts.sort(null);
        List<Segment> out = new ArrayList<>();
        int from = 0;
        int prevFrom = 0;
        for (int c = 0; c <= cuts.size(); c++) {
            int to = c < cuts.size() ? cuts.get(c) : m;
            if (to <= from) {
                continue;
            }
            double stat = 0;
            if (from > 0) {
                double sign = Math.signum(level(from, to) - level(prevFrom, from));
                stat = sign * Math.sqrt(Math.max(0, gain(prevFrom, from, to)));
            }
            out.add(new Segment(from == 0 ? 0 : slot[from], to == m ? Timeline.SLOTS : slot[to],
                    cumN[to] - cumN[from], level(from, to), stat));
            prevFrom = from;
            from = to;
        }
        return out;
    }

    /** Twice the log-likelihood gained by splitting [a, b) at k, divided by the overdispersion. */
    private double gain(int a, int k, int b) {
        double nL = cumN[k] - cumN[a];
        double nR = cumN[b] - cumN[k];
        if (nL < minObservations || nR < minObservations) {
            return 0;
        }
        double sL = cumS[k] - cumS[a];
        double sR = cumS[b] - cumS[k];
        double g;
        if (signal == Signal.LATENCY) {
            double d = sL / nL - sR / nR;
            g = nL * nR / (nL + nR) * d * d / variance;
        } else {
            g = 2 * (logLik(nL, sL) + logLik(nR, sR) - logLik(nL + nR, sL + sR));
        }
        return g / dispersion;
    }

    private static double logLik(double n, double k) {
        double ll = 0;
        if (k > 0) {
            ll += k * Math.log(k / n);
        }
        if (n - k > 0) {
            ll += (n - k) * Math.log((n - k) / n);
        }
        return ll;
    }

    /** Geometric mean latency in ms, or the share of bad requests. */
    private double level(int a, int b) {
        double n = cumN[b] - cumN[a];
        double s = cumS[b] - cumS[a];
        if (n <= 0) {
            return Double.NaN;
        }
        return signal == Signal.LATENCY ? Math.exp(s / n) : s / n;
    }

    private double dispersion(double[] n, double[] s) {
        List<Double> z = new ArrayList<>();
        for (int i = 1; i < n.length; i++) {
            double n0 = n[i - 1];
            double n1 = n[i];
            if (n0 <= 0 || n1 <= 0) {
                continue;
            }
            if (signal == Signal.LATENCY) {
                z.add(Math.abs(s[i] / n1 - s[i - 1] / n0) / Math.sqrt(variance * (1 / n0 + 1 / n1)));
            } else {
                double p = (s[i] + s[i - 1]) / (n0 + n1);
                double fewer = Math.min(n0, n1);
                if (p * fewer >= MIN_EXPECTED && (1 - p) * fewer >= MIN_EXPECTED) {
                    z.add(Math.abs(s[i] / n1 - s[i - 1] / n0) / Math.sqrt(p * (1 - p) * (1 / n0 + 1 / n1)));
                }
            }
        }
        if (z.size() < MIN_DISPERSION_PAIRS) {
            return 1;
        }
        z.sort(null);
        double median = z.size() % 2 == 1 ? z.get(z.size() / 2)
                : (z.get(z.size() / 2 - 1) + z.get(z.size() / 2)) / 2;
        double sd = median / MAD_TO_SD;
        return Math.max(1, sd * sd);
    }
}
