package io.scoregate.gate.accesslog;

import io.scoregate.contract.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The valid records of one stretch of a log, in file order, as columns: what an aggregator needs of each
 * line (time, latency, status, dimension values) without an object per line. Strings are ids into the
 * batch's own dictionary ({@link #string}, {@link #index}): ints keep the columns free of references (no
 * GC barrier or scan per line) and let a reader translate each distinct value once per batch instead of
 * once per line. The arrays are reused from one stretch to the next. Extra fields hold each key once (a
 * repeated key keeps its last value, as in {@link AccessLogRecord#extra()}). Written by one thread, then
 * read by another after a hand-over that publishes it.
 */
public final class RecordBatch {

    private static final Outcome[] OUTCOMES = Outcome.values();
    /** The id of "" (an absent lenderId or endpoint): the first loose string. */
    private static final int EMPTY = -1;

    private int size;
    private long[] epochMs = new long[1024];
    /** The timestamp exactly (seconds and nanoseconds), for merging several logs in time order. */
    private long[] second = new long[1024];
    private int[] nano = new int[1024];
    private double[] latencyMs = new double[1024];
    private byte[] status = new byte[1024];
    private int[] lenderId = new int[1024];
    private int[] endpoint = new int[1024];
    private int[] modelVersion = new int[1024];
    /** Record i's extra fields are [extraEnd[i - 1], extraEnd[i]) of the two arrays below. */
    private int[] extraEnd = new int[1024];
    private int[] extraKeys = new int[1024];
    private int[] extraValues = new int[1024];
    private int extras;
    /** Filled by the consumer on the parsing thread ({@link #derive}); valid only when {@link #derived}. */
    private double[] derivedValue = new double[1024];
    private byte[] derivedCode = new byte[1024];
    private boolean derived;

    /** Ids >= 0: the strings the stretch's parser interned; ids < 0: -(i + 1) into {@link #loose}. */
    private String[] interned = new String[0];
    private int internedCount;
    private final List<String> loose = new ArrayList<>(List.of(""));

    // what reading the stretch found besides the records
    private long lines;
    private long malformed;
    private final List<AccessLogCursor.Malformed> examples = new ArrayList<>();

    void clear() {
        size = 0;
        extras = 0;
        derived = false;
        internedCount = 0;
        loose.subList(1, loose.size()).clear();
        lines = 0;
        malformed = 0;
        examples.clear();
    }

    void add(LineFields f) {
        if (size == epochMs.length) {
            grow();
        }
        int i = size;
        // a REJECTED line's time is never used, and one too far out for milliseconds must not fail here
        epochMs[i] = f.status == Outcome.REJECTED ? 0 : f.epochMs();
        second[i] = f.epochSecond;
        nano[i] = f.nanos;
        latencyMs[i] = f.latencyMs;
        status[i] = (byte) f.status.ordinal();
        lenderId[i] = id(f.lenderIdId, f.lenderId);
        endpoint[i] = id(f.endpointId, f.endpoint);
        modelVersion[i] = id(f.modelVersionId, f.modelVersion);
        int n = f.extraCount();
        roomForExtras(n);
        for (int k = 0; k < n; k++) {
            extraKeys[extras] = id(f.extraKeyId(k), f.extraKey(k));
            extraValues[extras] = id(f.extraValueId(k), f.extraValue(k));
            extras++;
        }
        extraEnd[i] = extras;
        size++;
    }

    /**
     * Appends record i of another batch, as {@link TimeMergedBatches} merges several logs: its strings through
     * {@code ids} (which gives this batch's id of each of the other's ids, see {@link #looseId}); its derived
     * value and code when the other batch has them.
     */
    void addFrom(RecordBatch o, int i, IdTranslation ids) {
        if (size == epochMs.length) {
            grow();
        }
        int r = size;
        epochMs[r] = o.epochMs[i];
        second[r] = o.second[i];
        nano[r] = o.nano[i];
        latencyMs[r] = o.latencyMs[i];
        status[r] = o.status[i];
        lenderId[r] = ids.of(o, o.lenderId[i]);
        endpoint[r] = ids.of(o, o.endpoint[i]);
        modelVersion[r] = ids.of(o, o.modelVersion[i]);
        int from = o.extrasFrom(i);
        int n = o.extrasTo(i) - from;
        roomForExtras(n);
        for (int k = from; k < from + n; k++) {
            extraKeys[extras] = ids.of(o, o.extraKeys[k]);
            extraValues[extras] = ids.of(o, o.extraValues[k]);
            extras++;
        }
        extraEnd[r] = extras;
        derivedValue[r] = o.derivedValue[i];
        derivedCode[r] = o.derivedCode[i];
        size++;
    }

    /** Another batch's string ids as this batch's: each string added once, as a loose string of this batch. */
    interface IdTranslation {
        int of(RecordBatch other, int id);
    }

    /** A loose id for a string (added; the caller keeps each string to one id). "" is always {@link #EMPTY}. */
    int looseId(String s) {
        if (s.isEmpty()) {
            return EMPTY;
        }
        loose.add(s);
        return -loose.size();
    }

    /** Grows the extra-field columns to take {@code n} more. */
    private void roomForExtras(int n) {
        if (extras + n > extraKeys.length) {
            int cap = Math.max(extraKeys.length * 2, extras + n);
            extraKeys = Arrays.copyOf(extraKeys, cap);
            extraValues = Arrays.copyOf(extraValues, cap);
        }
    }

    /** The parser's id, or a loose id for a string it did not intern (a fallback line, a rare value). */
    private int id(int parserId, String s) {
        if (parserId >= 0) {
            return parserId;
        }
        if (s == null || s.isEmpty()) {
            return EMPTY;
        }
        loose.add(s);
        return -loose.size();
    }

    private void grow() {
        int cap = size * 2;
        epochMs = Arrays.copyOf(epochMs, cap);
        second = Arrays.copyOf(second, cap);
        nano = Arrays.copyOf(nano, cap);
        latencyMs = Arrays.copyOf(latencyMs, cap);
        status = Arrays.copyOf(status, cap);
        lenderId = Arrays.copyOf(lenderId, cap);
        endpoint = Arrays.copyOf(endpoint, cap);
        modelVersion = Arrays.copyOf(modelVersion, cap);
        extraEnd = Arrays.copyOf(extraEnd, cap);
        derivedValue = Arrays.copyOf(derivedValue, cap);
        derivedCode = Arrays.copyOf(derivedCode, cap);
    }

    /** Takes over what reading the stretch found: counts, examples and the strings behind the parser's ids. */
    void finish(AccessLogCursor cursor) {
        lines = cursor.lines();
        malformed = cursor.malformedCount();
        examples.addAll(cursor.malformedExamples());
        takeStrings(cursor);
    }

    /** Takes over the strings behind the parser's ids (a cursor that goes on reading keeps its own counts). */
    void takeStrings(AccessLogCursor cursor) {
        AsciiInterner strings = cursor.interner();
        internedCount = strings.size();
        if (interned.length < internedCount) {
            interned = new String[internedCount];
        }
        for (int k = 0; k < internedCount; k++) {
            interned[k] = strings.byId(k);
        }
    }

    public int size() {
        return size;
    }

    public long epochMs(int i) {
        return epochMs[i];
    }

    /** The record's timestamp in whole seconds since the epoch (with {@link #nanos}: exactly the line's). */
    public long epochSecond(int i) {
        return second[i];
    }

    public int nanos(int i) {
        return nano[i];
    }

    public double latencyMs(int i) {
        return latencyMs[i];
    }

    public Outcome status(int i) {
        return OUTCOMES[status[i]];
    }

    public int lenderId(int i) {
        return lenderId[i];
    }

    public int endpoint(int i) {
        return endpoint[i];
    }

    public int modelVersion(int i) {
        return modelVersion[i];
    }

    public int extrasFrom(int i) {
        return i == 0 ? 0 : extraEnd[i - 1];
    }

    public int extrasTo(int i) {
        return extraEnd[i];
    }

    public int extraKey(int k) {
        return extraKeys[k];
    }

    public int extraValue(int k) {
        return extraValues[k];
    }

    /**
     * Sets record i's derived value and code (0..127): what the batch's consumer computes from each record
     * alone, on the thread that parsed it ({@link ChunkedLogReader.BatchSink#prepare}), so that this part
     * of its work runs on every core. Call {@link #markDerived} after the last record.
     */
    public void derive(int i, double value, int code) {
        derivedValue[i] = value;
        derivedCode[i] = (byte) code;
    }

    public void markDerived() {
        derived = true;
    }

    /** Whether every record's derived value and code are set (cleared with the batch). */
    public boolean isDerived() {
        return derived;
    }

    public double derivedValue(int i) {
        return derivedValue[i];
    }

    public int derivedCode(int i) {
        return derivedCode[i];
    }

    /** The string behind an id of this batch. */
    public String string(int id) {
        return id >= 0 ? interned[id] : loose.get(-id - 1);
    }

    /** How many distinct ids this batch has: {@link #index} maps each to [0, this). */
    public int ids() {
        return internedCount + loose.size();
    }

    /** A dense index of an id, for a per-batch lookup table. */
    public int index(int id) {
        return id >= 0 ? id : internedCount - id - 1;
    }

    long lines() {
        return lines;
    }

    long malformed() {
        return malformed;
    }

    List<AccessLogCursor.Malformed> examples() {
        return examples;
    }
}
