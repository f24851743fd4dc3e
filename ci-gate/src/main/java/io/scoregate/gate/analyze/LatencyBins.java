package io.scoregate.gate.analyze;

/**
 * A fixed log-scale latency histogram layout: two bins per octave from 0.25 ms, so a bin's upper edge is
 * sqrt(2) times its lower edge (quantiles within +-19%) and 46 bins reach past 30 minutes. Fixed edges let
 * histograms of different time slots and values be added and subtracted, and a slowness threshold
 * chosen after reading be applied to counts gathered before it was known.
 */
final class LatencyBins {

    static final int COUNT = 46;
    private static final double FIRST_EDGE_MS = 0.25;
    private static final double SQRT2 = Math.sqrt(2);

    private LatencyBins() {
    }

    static int index(double ms) {
        double x = ms / FIRST_EDGE_MS;
        if (!(x >= 1)) {
            return 0;
        }
        int octave = Math.getExponent(x); // floor(log2 x) without a log
        double mantissa = x / Math.scalb(1.0, octave);
        int i = 2 * octave + (mantissa >= SQRT2 ? 1 : 0);
        return Math.min(i, COUNT - 1);
    }

    static double lowerEdge(int index) {
        return index == 0 ? 0 : FIRST_EDGE_MS * Math.pow(2, index / 2.0);
    }

    static double upperEdge(int index) {
        return FIRST_EDGE_MS * Math.pow(2, (index + 1) / 2.0);
    }

    /** The q-quantile of a histogram, interpolated geometrically inside its bin; NaN when empty. */
    static double quantile(long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && seen + counts[i] >= rank) {
                double within = (rank - seen) / counts[i];
                double lo = Math.max(lowerEdge(i), FIRST_EDGE_MS / 2);
                return lo * Math.pow(upperEdge(i) / lo, within);
            }
            seen += counts[i];
        }
        return upperEdge(counts.length - 1);
    }

    /** The index of the bin holding the q-quantile; -1 when empty. */
    static int quantileBin(long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return -1;
        }
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= q * total) {
                return i;
            }
        }
        return counts.length - 1;
    }
}
