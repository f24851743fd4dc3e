package io.scoregate.gate.analyze;

/**
 * The integer half of the fold, gathered per combination of dimension values within one time slot and
 * then added to the cells in one go. A request belongs to many cells (all requests, one per dimension, one
 * per pair of dimensions: 11 with four dimensions), but only to one combination, so counting it here costs
 * one update instead of eleven; each cell still gets exactly the same counts, because integer sums do not
 * depend on how the requests are grouped or ordered. (The floating-point sums do, so they stay per request,
 * in file order: {@link SlotStats#addSums}.)
 *
 * <p>Holds at most {@link #CAPACITY} combinations of one slot and one dimension count; {@link #accepts}
 * says when the caller must empty it first. Open addressing over the value ids, no object per combination.
 * Mutable, single-threaded.
 */
final class ComboCounts {

    /** Combinations held before the caller must empty it: a log with more spreads its flushes out. */
    static final int CAPACITY = 1024;
    /**
     * Far more places than combinations, so that two combinations rarely share a first place: the probe past
     * a taken place is a branch the compiled fold may never have seen, and seeing it first mid-log (as a new
     * version's combinations arrive) threw that code away; at 2 x CAPACITY it did in every run, here in none
     * of four (JFR), and analyze of 5 M lines took 1.47 s against 1.55 s (medians of 10 interleaved runs). 256 KB,
     * of which a flush clears only the places in use.
     */
    private static final int TABLE = 64 * CAPACITY;
    /** Per combination in {@link #counts}: requests, failed, errors, then the latency bins. */
    private static final int STRIDE = 3 + LatencyBins.COUNT;

    /** Combination index + 1 at each hash position; 0 is free. */
    private final int[] table = new int[TABLE];
    /**
     * Combination c's value ids, eight bits each (a value id is below {@link IncidentAggregator#MAX_VALUES},
     * 200): dimensions 0-7 in {@code low[c]}, 8-11 in {@code high[c]}. Two words compared, not a loop over the
     * dimensions, whose early exit, first taken when a new version's requests arrive mid-log, threw away the
     * compiled fold (JFR: three deoptimizations a run, all there).
     */
    private final long[] low = new long[CAPACITY];
    private final long[] high = new long[CAPACITY];
    private final long[] counts = new long[CAPACITY * STRIDE];
    /** The bins each combination has touched, so that adding it to a cell skips the 40-odd empty ones. */
    private final long[] binMasks = new long[CAPACITY];
    /** Where each combination sits in {@link #table}: emptying clears only those (a flush may hold one). */
    private final int[] positions = new int[CAPACITY];
    private int size;
    private int slot = -1;
    private int dims;

    /** Whether a request of {@code slot} with {@code dims} dimensions can be counted without emptying first. */
    boolean accepts(int slot, int dims) {
        return size == 0 || (slot == this.slot && dims == this.dims && size < CAPACITY);
    }

    /** Counts one request with the value ids {@code ids[0, dims)}; {@code fail} and {@code error} are 0 or 1. */
    void count(int slot, int dims, int[] ids, int bin, int fail, int error) {
        if (size == 0) {
            this.slot = slot;
            this.dims = dims;
        }
        int c = indexOf(ids);
        int at = c * STRIDE;
        counts[at]++;
        counts[at + 1] += fail;
        counts[at + 2] += error;
        counts[at + 3 + bin] += 1 - fail;
        binMasks[c] |= 1L << bin;
    }

    private int indexOf(int[] ids) {
        int d = dims;
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < Math.min(d, 8); i++) {
            lo |= (long) ids[i] << (8 * i);
        }
        for (int i = 8; i < d; i++) {
            hi |= (long) ids[i] << (8 * (i - 8));
        }
        long x = (lo * 0x9E3779B97F4A7C15L) ^ (hi * 0xC2B2AE3D27D4EB4FL);
        int pos = (int) (x ^ (x >>> 32)) & (TABLE - 1);
        while (true) {
            int e = table[pos];
            if (e == 0) {
                int c = size++;
                low[c] = lo;
                high[c] = hi;
                table[pos] = c + 1;
                positions[c] = pos;
                return c;
            }
            int c = e - 1;
            if ((low[c] ^ lo | high[c] ^ hi) == 0) {
                return c;
            }
            pos = (pos + 1) & (TABLE - 1);
        }
    }

    int size() {
        return size;
    }

    /** The slot of what is held (meaningless when empty). */
    int slot() {
        return slot;
    }

    /** The dimension count of what is held (meaningless when empty). */
    int dims() {
        return dims;
    }

    /** Combination c's value id in dimension {@code dim}. */
    int valueId(int c, int dim) {
        long word = dim < 8 ? low[c] >>> (8 * dim) : high[c] >>> (8 * (dim - 8));
        return (int) (word & 0xff);
    }

    /** Adds combination c's counts to {@code s}. */
    void addTo(int c, SlotStats s) {
        s.addCounts(counts, c * STRIDE, binMasks[c]);
    }

    /** Forgets everything held; the caller has added it to the cells. */
    void clear() {
        java.util.Arrays.fill(counts, 0, size * STRIDE, 0);
        for (int c = 0; c < size; c++) {
            binMasks[c] = 0;
            table[positions[c]] = 0;
        }
        size = 0;
    }
}
