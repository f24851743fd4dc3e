package io.scoregate.gate.accesslog;

import io.scoregate.contract.Outcome;
import io.scoregate.contract.AccessLogFields;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The fast path of {@link AccessLogReader}: parses the common shape of an access-log line (one flat JSON
 * object, printable ASCII, no escapes, plain decimal numbers, {@code ...Z} timestamps) straight from bytes.
 *
 * <p>It never rejects a line itself: anything outside that shape (escapes, non-ASCII, nested values,
 * exponents, a missing field, a bad status, garbage) returns {@code null} and the caller hands the line to
 * {@link AccessLogReader#parse(String)}, which gives the authoritative verdict and message. So the fast
 * path can only be wrong by accepting a line that {@code parse} rejects or by building a different record,
 * and a test checks exactly that on thousands of mutated lines. Not thread-safe: one per reader.
 */
final class FlatLineParser {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int MAX_EXACT_DIGITS = 15;
    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
            1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private final AsciiInterner interner = new AsciiInterner();
    private byte[] b;
    private int pos;
    private int end;

    // the value of the last scanned token
    private int strFrom;
    private int strTo;

    private final LineFields scratch = new LineFields();

    /** The values behind the ids this parser put into {@link LineFields} (ids are per parser). */
    AsciiInterner interner() {
        return interner;
    }

    /** Returns the record, or {@code null} when the line must go through the full parser. */
    AccessLogRecord parse(byte[] buf, int from, int to) {
        return parse(buf, from, to, scratch) ? scratch.toRecord() : null;
    }

    /**
     * Fills {@code out} without allocating (for repeated values); false when the line must go through the
     * full parser, and then {@code out} holds garbage. A line laid out like the last compact line (same keys
     * in the same order, no whitespace: a log's lines nearly always are) is matched against that layout's
     * bytes, eight at a time, instead of being tokenized key by key; any difference falls back to the
     * general scan, which decides.
     */
    boolean parse(byte[] buf, int from, int to, LineFields out) {
        if (layoutFields > 0 && parseAsLayout(buf, from, to, out)) {
            return true;
        }
        return parseGeneral(buf, from, to, out);
    }

    // what the line parsed so far holds (fields, not locals, so the two paths share the value handling)
    private boolean timestamp;
    private String modelVersion;
    private double latencyMs;
    private Outcome status;

    private void start(byte[] buf, int from, int to, LineFields out) {
        b = buf;
        pos = from;
        end = to;
        out.reset();
        timestamp = false;
        modelVersion = null;
        latencyMs = -1;
        status = null;
    }

    private boolean finish(LineFields out) {
        if (pos != end || !timestamp || modelVersion == null || latencyMs < 0 || status == null) {
            return false;
        }
        out.modelVersion = modelVersion;
        out.latencyMs = latencyMs;
        out.status = status;
        return true;
    }

    private boolean parseGeneral(byte[] buf, int from, int to, LineFields out) {
        start(buf, from, to, out);
        skipped = false;
        int fields = 0;
        skipWs();
        if (pos >= end || b[pos] != '{') {
            return false;
        }
        pos++;
        skipWs();
        if (pos < end && b[pos] == '}') {
            return false; // empty object: missing fields, let parse() say which
        }
        while (true) {
            skipWs();
            if (!scanString()) {
                return false;
            }
            int kFrom = strFrom;
            int kLen = strTo - strFrom;
            skipWs();
            if (pos >= end || b[pos] != ':') {
                return false;
            }
            pos++;
            skipWs();
            int field = fieldOf(kFrom, kLen);
            if (!value(field, kFrom, kLen, out)) {
                return false;
            }
            if (fields < MAX_LAYOUT_FIELDS) {
                keyFrom[fields] = kFrom;
                keyLength[fields] = kLen;
                keyField[fields] = field;
            }
            fields++;
            skipWs();
            if (pos >= end) {
                return false;
            }
            if (b[pos] == ',') {
                pos++;
                continue;
            }
            if (b[pos] == '}') {
                pos++;
                break;
            }
            return false;
        }
        skipWs();
        if (!finish(out)) {
            return false;
        }
        if (!skipped && fields <= MAX_LAYOUT_FIELDS) {
            remember(from, fields);
        }
        return true;
    }

    /** One value at {@code pos} for the key at [kFrom, kFrom + kLen), applied as the field requires. */
    private boolean value(int field, int kFrom, int kLen, LineFields out) {
        if (pos >= end) {
            return false;
        }
        byte c = b[pos];
        if (c == '"') {
            if (!scanString()) {
                return false;
            }
            switch (field) {
                case F_TIMESTAMP -> {
                    timestamp = timestamp(strFrom, strTo, out);
                    return timestamp;
                }
                case F_REQUEST_ID -> out.requestId(b, strFrom, strTo);
                case F_LENDER_ID -> {
                    out.lenderId = interner.intern(b, strFrom, strTo);
                    out.lenderIdId = interner.lastId();
                }
                case F_ENDPOINT -> {
                    out.endpoint = interner.intern(b, strFrom, strTo);
                    out.endpointId = interner.lastId();
                }
                case F_MODEL_VERSION -> {
                    modelVersion = interner.intern(b, strFrom, strTo);
                    out.modelVersionId = interner.lastId();
                }
                case F_STATUS -> {
                    status = status(strFrom, strTo - strFrom);
                    return status != null;
                }
                case F_LATENCY, F_HTTP_STATUS -> {
                    return false;
                }
                default -> putExtra(out, kFrom, kLen, strFrom, strTo);
            }
            return true;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            int nFrom = pos;
            if (!scanNumber()) {
                return false;
            }
            switch (field) {
                case F_LATENCY -> {
                    latencyMs = plainDecimal(nFrom, pos);
                    return latencyMs >= 0;
                }
                case F_HTTP_STATUS -> {
                    out.httpStatus = smallInt(nFrom, pos);
                    return out.httpStatus >= 0;
                }
                case OTHER -> putExtra(out, kFrom, kLen, nFrom, pos);
                default -> {
                    return false;
                }
            }
            return true;
        }
        if (c == 't' || c == 'f' || c == 'n') {
            int lFrom = pos;
            if (!scanLiteral() || field != OTHER) {
                return false;
            }
            if (c != 'n') {
                putExtra(out, kFrom, kLen, lFrom, pos);
            }
            return true;
        }
        return false; // nested object/array or garbage
    }

    // The layout of the last compact line: for field k, the bytes before its value ('{' or ',', then
    // "key":) are layout[pieceFrom[k], pieceFrom[k + 1]), its key at offset 2 in them.
    private static final int MAX_LAYOUT_FIELDS = 32;
    private final int[] keyFrom = new int[MAX_LAYOUT_FIELDS];
    private final int[] keyLength = new int[MAX_LAYOUT_FIELDS];
    private final int[] keyField = new int[MAX_LAYOUT_FIELDS];
    private final int[] layoutField = new int[MAX_LAYOUT_FIELDS];
    private final int[] pieceFrom = new int[MAX_LAYOUT_FIELDS + 1];
    private byte[] layout = new byte[256];
    private int layoutFields;
    /** Whether {@link #skipWs()} skipped anything since the line began: such a line is not a layout. */
    private boolean skipped;

    private void remember(int lineFrom, int fields) {
        int size = 0;
        for (int k = 0; k < fields; k++) {
            size += keyLength[k] + 4;
        }
        if (layout.length < size) {
            layout = new byte[Math.max(size, 2 * layout.length)];
        }
        int at = 0;
        for (int k = 0; k < fields; k++) {
            pieceFrom[k] = at;
            layout[at++] = (byte) (k == 0 ? '{' : ',');
            layout[at++] = '"';
            System.arraycopy(b, keyFrom[k], layout, at, keyLength[k]);
            at += keyLength[k];
            layout[at++] = '"';
            layout[at++] = ':';
            layoutField[k] = keyField[k];
        }
        pieceFrom[fields] = at;
        layoutFields = fields;
    }

    private boolean parseAsLayout(byte[] buf, int from, int to, LineFields out) {
        return matchLayout(buf, from, to, out) && finish(out);
    }

    /**
     * Parses a line whose end is not known yet (the caller has not looked for it): the layout match of
     * {@link #parse} run over everything up to {@code limit}. Returns the index of the "\n" or "\r" that ends
     * the line, or -1 when the layout does not match a whole line there (then nothing is decided: find the
     * line's end and call {@link #parse}). Exactly as if the line had been cut first: no byte the match
     * accepts (layout bytes, printable string bytes, number characters, literals) is a line end, so the match
     * cannot run past one, and the line ends where it stops.
     */
    int parseLine(byte[] buf, int from, int limit, LineFields out) {
        if (layoutFields == 0 || !matchLayout(buf, from, limit, out) || pos >= limit) {
            return -1;
        }
        byte c = buf[pos];
        if (c != '\n' && c != '\r') {
            return -1;
        }
        end = pos;
        return finish(out) ? pos : -1;
    }

    /** The layout's keys and this line's values, up to and including the closing brace. */
    private boolean matchLayout(byte[] buf, int from, int to, LineFields out) {
        start(buf, from, to, out);
        for (int k = 0; k < layoutFields; k++) {
            int piece = pieceFrom[k];
            int len = pieceFrom[k + 1] - piece;
            if (!matches(piece, len)) {
                return false;
            }
            int kFrom = pos + 2;
            pos += len;
            if (!value(layoutField[k], kFrom, len - 4, out)) {
                return false;
            }
        }
        if (pos >= end || b[pos] != '}') {
            return false;
        }
        pos++;
        return true;
    }

    /** Whether the line continues at {@code pos} with layout[piece, piece + len): eight bytes at a time. */
    private boolean matches(int piece, int len) {
        if (end - pos < len) {
            return false;
        }
        final byte[] buf = b;
        if (len < 8) {
            for (int i = 0; i < len; i++) {
                if (buf[pos + i] != layout[piece + i]) {
                    return false;
                }
            }
            return true;
        }
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            if ((long) LONGS.get(buf, pos + i) != (long) LONGS.get(layout, piece + i)) {
                return false;
            }
        }
        // the rest as the last eight bytes, overlapping what was compared
        return i == len || (long) LONGS.get(buf, pos + len - 8) == (long) LONGS.get(layout, piece + len - 8);
    }

    private static final int OTHER = 0;
    private static final int F_TIMESTAMP = 1;
    private static final int F_REQUEST_ID = 2;
    private static final int F_LENDER_ID = 3;
    private static final int F_ENDPOINT = 4;
    private static final int F_MODEL_VERSION = 5;
    private static final int F_LATENCY = 6;
    private static final int F_STATUS = 7;
    private static final int F_HTTP_STATUS = 8;
    private static final byte[][] NAMES = {
            null, bytes(AccessLogFields.TIMESTAMP), bytes(AccessLogFields.REQUEST_ID), bytes(AccessLogFields.LENDER_ID),
            bytes(AccessLogFields.ENDPOINT), bytes(AccessLogFields.MODEL_VERSION), bytes(AccessLogFields.LATENCY_MS),
            bytes(AccessLogFields.STATUS), bytes(AccessLogFields.HTTP_STATUS)};

    private static final long[] NAME_HEADS = new long[NAMES.length];

    static {
        for (int f = 1; f < NAMES.length; f++) {
            if (NAMES[f].length >= 8) {
                NAME_HEADS[f] = (long) LONGS.get(NAMES[f], 0);
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Which known field a key is: by length and first byte, then one comparison (this runs for every key). */
    private int fieldOf(int from, int len) {
        int f = switch (len) {
            case 6 -> F_STATUS;
            case 8 -> b[from] == 'l' ? F_LENDER_ID : F_ENDPOINT;
            case 9 -> b[from] == 't' ? F_TIMESTAMP : b[from] == 'r' ? F_REQUEST_ID : F_LATENCY;
            case 10 -> F_HTTP_STATUS;
            case 12 -> F_MODEL_VERSION;
            default -> OTHER;
        };
        if (f == OTHER) {
            return OTHER;
        }
        byte[] name = NAMES[f];
        final byte[] buf = b;
        int i = 0;
        if (len >= 8) { // the first eight bytes in one comparison
            if ((long) LONGS.get(buf, from) != NAME_HEADS[f]) {
                return OTHER;
            }
            i = 8;
        }
        for (; i < len; i++) { // keys are short: a plain loop beats the vectorized mismatch's setup
            if (name[i] != buf[from + i]) {
                return OTHER;
            }
        }
        return f;
    }

    private void putExtra(LineFields out, int kFrom, int kLen, int vFrom, int vTo) {
        String key = interner.intern(b, kFrom, kFrom + kLen);
        int keyId = interner.lastId();
        String value = interner.intern(b, vFrom, vTo);
        out.putExtra(key, keyId, value, interner.lastId());
    }

    private void skipWs() {
        while (pos < end) {
            byte c = b[pos];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
                skipped = true;
            } else {
                return;
            }
        }
    }

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;
    private static final long DELS = 0x7f * ONES;
    private static final long SPACES = 0x20 * ONES;

    /**
     * A string of printable ASCII without escapes; anything else goes to the full parser. Eight bytes at a
     * time: a word is skipped whole when none of its bytes is a quote, a backslash, DEL, a control byte or
     * non-ASCII ((x - 0x01..) & ~x & 0x80.. flags a zero byte, (x - 0x20..) & ~x & 0x80.. a byte below 0x20;
     * the lowest flag of each is exact); the first flagged byte is then looked at one by one, which decides.
     */
    private boolean scanString() {
        final byte[] buf = b; // locals: keeps the hot loop free of field reloads
        final int e = end;
        int i = pos;
        if (i >= e || buf[i] != '"') {
            return false;
        }
        i++;
        while (i + 8 <= e) {
            long w = (long) LONGS.get(buf, i);
            long q = w ^ QUOTES;
            long bs = w ^ BACKSLASHES;
            long del = w ^ DELS;
            long flags = (((q - ONES) & ~q) | ((bs - ONES) & ~bs) | ((del - ONES) & ~del) | ((w - SPACES) & ~w) | w)
                    & HIGH;
            if (flags != 0) {
                i += Long.numberOfTrailingZeros(flags) >>> 3;
                break;
            }
            i += 8;
        }
        for (; i < e; i++) {
            byte c = buf[i];
            if (c == '"') {
                strFrom = pos + 1;
                strTo = i;
                pos = i + 1;
                return true;
            }
            if (c < 0x20 || c == '\\' || c == 0x7f) { // negative bytes (non-ASCII) are < 0x20 too
                return false;
            }
        }
        return false;
    }

    /** JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    private boolean scanNumber() {
        int i = pos;
        if (i < end && b[i] == '-') {
            i++;
        }
        if (i >= end) {
            return false;
        }
        if (b[i] == '0') {
            i++;
        } else if (b[i] >= '1' && b[i] <= '9') {
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
        } else {
            return false;
        }
        if (i < end && b[i] == '.') {
            i++;
            int d = i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i == d) {
                return false;
            }
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int d = i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i == d) {
                return false;
            }
        }
        pos = i;
        return true;
    }

    private boolean scanLiteral() {
        for (String lit : LITERALS) {
            int n = lit.length();
            if (end - pos >= n) {
                boolean same = true;
                for (int k = 0; k < n && same; k++) {
                    same = b[pos + k] == lit.charAt(k);
                }
                if (same) {
                    pos += n;
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A non-negative decimal without exponent, correctly rounded: at most 15 significant digits and 22
     * fraction digits means mantissa and power of ten are both exact doubles, so one division rounds once
     * (Clinger's fast path). Anything else returns -1 and goes to the full parser.
     */
    private double plainDecimal(int from, int to) {
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '.') {
                fraction = 0;
                continue;
            }
            if (c < '0' || c > '9') {
                return -1; // sign or exponent
            }
            mantissa = mantissa * 10 + (c - '0');
            if (mantissa != 0) {
                digits++;
            }
            if (fraction >= 0) {
                fraction++;
            }
        }
        if (digits > MAX_EXACT_DIGITS || fraction > 22) {
            return -1;
        }
        return fraction <= 0 ? mantissa : mantissa / POW10[fraction];
    }

    private int smallInt(int from, int to) {
        if (to - from > 9) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static final Outcome[] STATUSES = Outcome.values();
    private static final String[] LITERALS = {"true", "false", "null"};

    /** The status named by each length (OK 2, ERROR 5, TIMEOUT 7, REJECTED 8), or null. */
    private static final Outcome[] STATUS_BY_LENGTH = new Outcome[16];

    static {
        for (Outcome o : STATUSES) {
            STATUS_BY_LENGTH[o.name().length()] = o;
        }
    }

    /**
     * By length, then the bytes: no branch per status, so a status first seen halfway through a log (the
     * first TIMEOUT) does not throw away the compiled parser (JFR showed an unstable_if deoptimization here).
     */
    private Outcome status(int from, int len) {
        Outcome s = len < STATUS_BY_LENGTH.length ? STATUS_BY_LENGTH[len] : null;
        if (s == null) {
            return null;
        }
        String n = s.name();
        int diff = 0;
        for (int k = 0; k < len; k++) {
            diff |= b[from + k] ^ n.charAt(k);
        }
        return diff == 0 ? s : null;
    }

    /**
     * The first 16 bytes ({@code yyyy-MM-ddTHH:mm}) of the last timestamp whose fields were all checked, and
     * its minute in epoch seconds: a log's lines share their minute with the line before nearly always, and
     * then only the seconds and the fraction are left to read.
     */
    private long minuteHead = -1;
    private long minuteTail = -1;
    private long minuteEpochSecond;

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with every field range checked; other forms go to Instant.parse. */
    private boolean timestamp(int from, int to, LineFields out) {
        int len = to - from;
        if (len < 20 || len > 30 || len == 21 || b[to - 1] != 'Z' || b[from + 16] != ':') {
            return false;
        }
        long head = (long) LONGS.get(b, from);
        long tail = (long) LONGS.get(b, from + 8);
        if (head == minuteHead && tail == minuteTail) {
            return secondsAndFraction(from, len, minuteEpochSecond, out);
        }
        if (b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != 'T' || b[from + 13] != ':') {
            return false;
        }
        int year = digits(from, 4);
        int month = digits(from + 5, 2);
        int day = digits(from + 8, 2);
        int hour = digits(from + 11, 2);
        int minute = digits(from + 14, 2);
        if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0
                || hour > 23 || minute < 0 || minute > 59) {
            return false;
        }
        long minuteStart = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L;
        if (!secondsAndFraction(from, len, minuteStart, out)) {
            return false;
        }
        minuteHead = head;
        minuteTail = tail;
        minuteEpochSecond = minuteStart;
        return true;
    }

    /** The {@code ss[.f{1,9}]Z} after a checked minute that starts at {@code minuteStart} epoch seconds. */
    private boolean secondsAndFraction(int from, int len, long minuteStart, LineFields out) {
        int second = digits(from + 17, 2);
        if (second < 0 || second > 59) {
            return false;
        }
        int nanos = 0;
        if (len > 20) {
            if (b[from + 19] != '.') {
                return false;
            }
            int fracLen = len - 21;
            int f = digits(from + 20, fracLen);
            if (f < 0) {
                return false;
            }
            nanos = f * (int) POW10[9 - fracLen];
        }
        out.epochSecond = minuteStart + second;
        out.nanos = nanos;
        return true;
    }

    private int digits(int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    private static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
