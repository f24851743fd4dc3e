package io.scoregate.gate.analyze;

import io.scoregate.contract.AccessLogFields;
import io.scoregate.gate.accesslog.AccessLogRecord;
import io.scoregate.gate.accesslog.ChunkedLogReader;
import io.scoregate.gate.accesslog.RecordBatch;
import io.scoregate.contract.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a stream of access-log records into time-slotted statistics without keeping any record: one series
 * for all requests, one per dimension value (modelVersion, endpoint, lenderId, then every other string
 * field in the order first seen, alphabetically within a line), and one per pair of values of two
 * dimensions, which is what lets the ranker stratify one suspect by another. Memory is bounded by {@link Timeline#SLOTS} x the number of
 * distinct values (at most {@link #MAX_VALUES} per dimension; later values share one "(other)" value).
 * Client mistakes (REJECTED) say nothing about the model's latency and are only counted.
 *
 * <p>The fold is exact (the same floating-point sums as adding the requests one by one in file order) and
 * split in three for speed: what needs no order (the log latency and bin of each request) runs on the
 * parsing threads ({@link #batchSink}); the counts go through {@link ComboCounts}, one update per request
 * instead of one per cell; only the sums are added per request and per cell, in order.
 */
final class IncidentAggregator {

    static final int MAX_VALUES = 200;
    /** Pair cells grow with the square of the dimension count: fields beyond this many are ignored (and named). */
    static final int MAX_DIMENSIONS = 12;
    static final String OTHER = "(other)";
    private static final List<String> FIXED = List.of(AccessLogFields.MODEL_VERSION, AccessLogFields.ENDPOINT,
            AccessLogFields.LENDER_ID);

    private Timeline timeline = new Timeline();
    private final CellSeries all = new CellSeries();
    private final List<String> dimensions = new ArrayList<>();
    private final Map<String, Integer> dimensionIndex = new HashMap<>();
    private final List<Map<String, Integer>> valueIds = new ArrayList<>();
    private final List<List<String>> values = new ArrayList<>();
    private final List<List<CellSeries>> marginal = new ArrayList<>();
    /** The same cells as arrays, [dimension][value id]: the fold reads them for every request. */
    private CellSeries[][] marginalCells = new CellSeries[0][];
    /** pairs[a][b] for a < b: the cells of value pairs, indexed va * MAX_VALUES + vb. */
    private CellSeries[][][] pairs = new CellSeries[0][][];
    private final List<CellSeries> allCells = new ArrayList<>();
    private int[] ids = new int[0];
    private long rejected;
    private final java.util.Set<String> ignoredFields = new java.util.TreeSet<>();
    /** The counts of the current slot not yet in the cells: emptied before anything reads or moves them. */
    private final ComboCounts pending = new ComboCounts();

    IncidentAggregator() {
        allCells.add(all);
        for (String d : FIXED) {
            addDimension(d);
        }
    }

    void add(AccessLogRecord r) {
        if (r.status() == Outcome.REJECTED) {
            rejected++;
            return;
        }
        long ms = r.timestamp().toEpochMilli();
        int slot = slotOf(ms);
        Map<String, String> extra = r.extra();
        if (!extra.isEmpty() && !dimensionIndex.keySet().containsAll(extra.keySet())) {
            addDimensions(extra.keySet());
        }
        int d = dimensions.size();
        ids[0] = valueId(0, r.modelVersion());
        ids[1] = valueId(1, r.endpoint());
        ids[2] = valueId(2, r.lenderId());
        for (int i = FIXED.size(); i < d; i++) {
            ids[i] = valueId(i, extra.getOrDefault(dimensions.get(i), ""));
        }
        double lat = r.latencyMs();
        fold(slot, lat, logLatency(lat), LatencyBins.index(lat), r.status(), ms);
    }

    /** A sink for the batch readers: {@link #derive} on the parsing thread, then {@link #add(RecordBatch)}. */
    ChunkedLogReader.BatchSink batchSink() {
        return new ChunkedLogReader.BatchSink() {
            @Override
            public void prepare(RecordBatch batch) {
                derive(batch);
            }

            @Override
            public void accept(RecordBatch batch) {
                add(batch);
            }
        };
    }

    /**
     * The per-request work of the fold that needs no order and no state, so it can run on the thread that
     * parsed the batch: each record's log latency (the derived value) and latency bin (the derived code).
     */
    static void derive(RecordBatch b) {
        for (int r = 0; r < b.size(); r++) {
            double lat = b.latencyMs(r);
            b.derive(r, logLatency(lat), LatencyBins.index(lat));
        }
        b.markDerived();
    }

    /** The latency on the log scale the sums use; 0.01 ms keeps a zero latency finite. */
    private static double logLatency(double ms) {
        return Math.log(Math.max(ms, 0.01));
    }

    /**
     * The records of a batch, in order: the same fold as {@link #add(AccessLogRecord)} record by record
     * (same dimension and value order, same floating-point sums), without a record object per line. Each
     * distinct string of the batch is looked up once: {@link #globalIds} caches its value id per dimension.
     */
    void add(RecordBatch b) {
        if (!b.isDerived()) {
            derive(b);
        }
        forgetBatchIds(b.ids());
        // in runs of RUN records, one call each: one loop over the whole batch was compiled on-stack eight
        // times in a run, and a call per record has its own cost; runs measured 6% faster than either
        // (whole analyze of 5 M lines, medians of 10 interleaved runs: 1.63 s against 1.74 s and 1.75 s)
        for (int from = 0; from < b.size(); from += RUN) {
            addRun(b, from, Math.min(b.size(), from + RUN));
        }
    }

    private static final int RUN = 64;

    /** The per-batch caches emptied for a batch of {@code distinct} string ids. */
    private void forgetBatchIds(int distinct) {
        if (globalIds.length < distinct) {
            // all rows allocated up front: a null check taken mid-log deoptimized the compiled fold
            globalIds = new int[Math.max(distinct, 2 * globalIds.length)][MAX_DIMENSIONS];
            keyDims = new int[globalIds.length];
        }
        java.util.Arrays.fill(keyDims, 0, distinct, UNRESOLVED);
        for (int k = 0; k < distinct; k++) {
            java.util.Arrays.fill(globalIds[k], UNRESOLVED);
        }
    }

    /** Records [fromRecord, toRecord) of a batch. */
    private void addRun(RecordBatch b, int fromRecord, int toRecord) {
        int fixed = FIXED.size();
        for (int r = fromRecord; r < toRecord; r++) {
            Outcome status = b.status(r);
            if (status == Outcome.REJECTED) {
                rejected++;
                continue;
            }
            long ms = b.epochMs(r);
            int slot = slotOf(ms);
            int from = b.extrasFrom(r);
            int to = b.extrasTo(r);
            for (int k = from; k < to; k++) {
                if (keyDims[b.index(b.extraKey(k))] == UNRESOLVED) {
                    resolveKeys(b, from, to);
                    break;
                }
            }
            int d = dimensions.size();
            ids[0] = valueId(b, 0, b.modelVersion(r));
            ids[1] = valueId(b, 1, b.endpoint(r));
            ids[2] = valueId(b, 2, b.lenderId(r));
            for (int i = fixed; i < d; i++) {
                extraIds[i] = EMPTY_ID;
            }
            for (int k = from; k < to; k++) {
                int dim = keyDims[b.index(b.extraKey(k))];
                if (dim >= 0) {
                    extraIds[dim] = b.extraValue(k);
                }
            }
            for (int i = fixed; i < d; i++) {
                ids[i] = valueId(b, i, extraIds[i]);
            }
            fold(slot, b.latencyMs(r), b.derivedValue(r), b.derivedCode(r), status, ms);
        }
    }

    private static final int[] FAILS = new int[Outcome.values().length];
    private static final int[] ERRORS = new int[Outcome.values().length];

    static {
        FAILS[Outcome.TIMEOUT.ordinal()] = 1;
        FAILS[Outcome.ERROR.ordinal()] = 1;
        ERRORS[Outcome.ERROR.ordinal()] = 1;
    }

    private static final int UNRESOLVED = Integer.MIN_VALUE;
    private static final int NOT_A_DIMENSION = -1;
    /** The batch id of "" (see {@link RecordBatch}): what a record without the field has. */
    private static final int EMPTY_ID = -1;
    /** Per batch: the value id of each batch string in each dimension, or UNRESOLVED. */
    private int[][] globalIds = new int[0][];
    /** Per batch: the dimension each batch string names as a key, NOT_A_DIMENSION, or UNRESOLVED. */
    private int[] keyDims = new int[0];
    private int[] extraIds = new int[MAX_DIMENSIONS];

    /** A record with a key not seen in this batch: the dimension discovery of {@link #add(AccessLogRecord)}. */
    private void resolveKeys(RecordBatch b, int from, int to) {
        List<String> keys = new ArrayList<>(to - from);
        boolean known = true;
        for (int k = from; k < to; k++) {
            String key = b.string(b.extraKey(k));
            keys.add(key);
            known &= dimensionIndex.containsKey(key);
        }
        if (!known) {
            addDimensions(keys);
        }
        for (int k = from; k < to; k++) {
            // an ignored field stays ignored and a dimension stays one: safe to cache for the batch
            Integer dim = dimensionIndex.get(keys.get(k - from));
            keyDims[b.index(b.extraKey(k))] = dim == null ? NOT_A_DIMENSION : dim;
        }
    }

    /** {@link #valueId(int, String)} of a batch string, looked up once per batch. */
    private int valueId(RecordBatch b, int dim, int id) {
        int[] perDim = globalIds[b.index(id)];
        int v = perDim[dim];
        if (v == UNRESOLVED) {
            // a value past the cap stays "(other)" for good, so caching that is safe too
            v = valueId(dim, b.string(id));
            perDim[dim] = v;
        }
        return v;
    }

    /** The record's slot, re-laying out the timeline (and folding every series into it) when it falls outside. */
    private int slotOf(long ms) {
        int slot = timeline.slotOf(ms);
        if (slot < 0) {
            Timeline next = timeline.layoutFor(ms);
            flushCounts(); // they are counted by a slot of the old layout
            for (CellSeries c : allCells) {
                c.remap(timeline, next);
            }
            timeline = next;
            slot = timeline.slotOf(ms);
        }
        return slot;
    }

    private void addDimensions(java.util.Collection<String> keys) {
        // sorted: the record's map iterates in a per-JVM random order, and which fields win the
        // limited dimension slots must not change from run to run
        for (String key : new java.util.TreeSet<>(keys)) {
            if (dimensionIndex.containsKey(key) || ignoredFields.contains(key)) {
                continue;
            }
            if (dimensions.size() < MAX_DIMENSIONS) {
                addDimension(key);
            } else {
                ignoredFields.add(key);
            }
        }
    }

    /**
     * Adds one request whose value ids are in {@link #ids}; the one place the statistics are summed: its
     * sums to all requests and to each of its dimension values now, its counts to {@link #pending}.
     */
    private void fold(int slot, double lat, double log, int bin, Outcome status, long ms) {
        int d = dimensions.size();
        // 0 or 1 from a table, not a comparison: no branch for the first failure to deoptimize
        int fail = FAILS[status.ordinal()];
        int error = ERRORS[status.ordinal()];
        if (!pending.accepts(slot, d)) {
            flushCounts();
        }
        pending.count(slot, d, ids, bin, fail, error);
        all.at(slot).addSums(fail, lat, log, ms);
        for (int i = 0; i < d; i++) {
            marginalCells[i][ids[i]].at(slot).addSums(fail, lat, log, ms);
        }
    }

    /** Adds the pending counts to every cell each combination belongs to: all, its values, its value pairs. */
    private void flushCounts() {
        int n = pending.size();
        if (n == 0) {
            return;
        }
        int slot = pending.slot();
        int d = pending.dims();
        for (int c = 0; c < n; c++) {
            pending.addTo(c, all.at(slot));
            for (int i = 0; i < d; i++) {
                int vi = pending.valueId(c, i);
                pending.addTo(c, marginalCells[i][vi].at(slot));
                CellSeries[][] row = pairs[i];
                for (int j = i + 1; j < d; j++) {
                    pending.addTo(c, pairCell(row, i, j, vi, pending.valueId(c, j)).at(slot));
                }
            }
        }
        pending.clear();
    }

    private CellSeries pairCell(CellSeries[][] row, int i, int j, int vi, int vj) {
        CellSeries[] cells = row[j];
        if (cells == null) {
            cells = new CellSeries[MAX_VALUES * MAX_VALUES];
            row[j] = cells;
        }
        int k = vi * MAX_VALUES + vj;
        CellSeries c = cells[k];
        if (c == null) {
            c = new CellSeries();
            cells[k] = c;
            allCells.add(c);
        }
        return c;
    }

    private void addDimension(String name) {
        flushCounts(); // they are keyed by the old dimension count
        dimensionIndex.put(name, dimensions.size());
        dimensions.add(name);
        valueIds.add(new HashMap<>());
        values.add(new ArrayList<>());
        marginal.add(new ArrayList<>());
        int d = dimensions.size();
        marginalCells = java.util.Arrays.copyOf(marginalCells, d);
        marginalCells[d - 1] = new CellSeries[MAX_VALUES];
        ids = java.util.Arrays.copyOf(ids, d);
        CellSeries[][][] grown = new CellSeries[d][][];
        for (int i = 0; i < d; i++) {
            grown[i] = new CellSeries[d][];
            if (i < pairs.length) {
                System.arraycopy(pairs[i], 0, grown[i], 0, pairs[i].length);
            }
        }
        pairs = grown;
    }

    private int valueId(int dim, String value) {
        Integer id = valueIds.get(dim).get(value);
        if (id != null) {
            return id;
        }
        List<String> vs = values.get(dim);
        if (vs.size() < MAX_VALUES - 1) {
            vs.add(value);
            valueIds.get(dim).put(value, vs.size() - 1);
            newMarginal(dim);
            return vs.size() - 1;
        }
        if (vs.size() == MAX_VALUES - 1) {
            vs.add(OTHER);
            newMarginal(dim);
        }
        return MAX_VALUES - 1;
    }

    private void newMarginal(int dim) {
        CellSeries c = new CellSeries();
        marginal.get(dim).add(c);
        allCells.add(c);
        marginalCells[dim][marginal.get(dim).size() - 1] = c;
    }

    // read-only views for the detectors and the ranker
    Timeline timeline() {
        return timeline;
    }

    CellSeries all() {
        flushCounts();
        return all;
    }

    List<String> dimensions() {
        return dimensions;
    }

    List<String> values(int dim) {
        return values.get(dim);
    }

    CellSeries marginal(int dim, int value) {
        flushCounts();
        return marginal.get(dim).get(value);
    }

    /** The cell of (dimension a = value va, dimension b = value vb); an empty series when never seen. */
    CellSeries pair(int a, int va, int b, int vb) {
        flushCounts();
        if (a > b) {
            return pair(b, vb, a, va);
        }
        CellSeries[] cells = pairs[a][b];
        CellSeries c = cells == null ? null : cells[va * MAX_VALUES + vb];
        return c == null ? NO_REQUESTS : c;
    }

    /**
     * The series of a pair never seen, shared: the views are only read, and the ranker asks for every pair of
     * two dimensions' values; a new series each (with its 256-slot array) was 17% of the analysis's CPU samples
     * on a log of 12 dimensions with up to 200 values each.
     */
    private static final CellSeries NO_REQUESTS = new CellSeries();

    /** Dimensions that had more than {@link #MAX_VALUES} values (the rest were counted as "(other)"). */
    List<String> overflowed() {
        List<String> out = new ArrayList<>();
        for (int d = 0; d < dimensions.size(); d++) {
            if (values.get(d).size() == MAX_VALUES) {
                out.add(dimensions.get(d));
            }
        }
        return out;
    }

    /** Fields not analysed because {@link #MAX_DIMENSIONS} dimensions were already in use. */
    java.util.Set<String> ignoredFields() {
        return ignoredFields;
    }

    long rejected() {
        return rejected;
    }
}
