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
    private static final int TABLE = 2 * CAPACITY;
    /** Per combination in {@link #counts}: requests, failed, errors, then the latency bins. */
    private static final int STRIDE = 3 + LatencyBins.COUNT;

    /** Combination index + 1 at each hash position; 0 is free. */
    private final int[] table = new int[TABLE];
    /** Combination c's value ids, one per dimension, at [c x dims, (c + 1) x dims). */
    private final int[] keys = new int[CAPACITY * IncidentAggregator.MAX_DIMENSIONS];
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
        int h = 0;
        for (int i = 0; i < d; i++) {
            h = (h + ids[i]) * 0x9E3779B1;
        }
        int pos = (h ^ (h >>> 16)) & (TABLE - 1);
        while (true) {
            int e = table[pos];
            if (e == 0) {
                int c = size++;
                System.arraycopy(ids, 0, keys, c * d, d);
                table[pos] = c + 1;
                positions[c] = pos;
                return c;
            }
            int c = e - 1;
            if (same(ids, c * d, d)) {
                return c;
            }
            pos = (pos + 1) & (TABLE - 1);
        }
    }

    private boolean same(int[] ids, int from, int d) {
        for (int i = 0; i < d; i++) {
            if (keys[from + i] != ids[i]) {
                return false;
            }
        }
        return true;
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
        return keys[c * dims + dim];
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
