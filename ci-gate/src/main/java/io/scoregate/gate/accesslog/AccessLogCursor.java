package io.scoregate.gate.accesslog;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pulls records from one access log, one at a time, in file order: the building block of
 * {@link TimeMergedLogs}. Lines are split on {@code \n}, {@code \r\n} or {@code \r} (as
 * {@link java.io.BufferedReader#readLine()} does), blank lines are skipped and not counted, and each line
 * goes through {@link FlatLineParser} first and through {@link AccessLogReader#parse(String)} when the fast
 * path cannot decide. Malformed lines are counted, the first few kept as examples, and skipped.
 */
public final class AccessLogCursor implements RecordCursor {

    /** Longer lines are not access-log records; they are counted as malformed and skipped. */
    static final int MAX_LINE_BYTES = 1 << 20;
    /**
     * Bytes never filled at the end of the buffer, so the parser's eight-byte reads just past a value always
     * fit in the array (the check for it never fails, and never deoptimizes the compiled parser).
     */
    private static final int SLACK = 16;

    private final InputStream in;
    private final String label;
    private final FlatLineParser fast = new FlatLineParser();
    private byte[] buf = new byte[1 << 16];
    private int start;
    private int limit;
    private boolean eof;
    private boolean skipLf;

    private long lines;
    private long records;
    private long malformed;
    private final List<Malformed> examples = new ArrayList<>();
    private final LineFields fields = new LineFields();
    private AccessLogRecord fallback;
    private AccessLogRecord current;

    /** A line that was not a valid record: its number (counted from 1 in this cursor's input) and why. */
    record Malformed(long line, String reason) {
    }

    /**
     * @param label prefixes the malformed-line examples ("access.jsonl line 7: ..."); empty for "line 7: ..."
     */
    public AccessLogCursor(InputStream in, String label) {
        this.in = in;
        this.label = label.isEmpty() ? "" : label + " ";
    }

    public static AccessLogCursor open(Path file) throws IOException {
        return new AccessLogCursor(AccessLogReader.open(file), String.valueOf(file.getFileName()));
    }

    @Override
    public boolean next() throws IOException {
        if (!nextLine()) {
            current = null;
            return false;
        }
        current = fallback != null ? fallback : fields.toRecord();
        return true;
    }

    /**
     * Moves to the next valid line like {@link #next()} but leaves it in {@link #fields()} without building
     * a record: the allocation-free path of a reader that only aggregates.
     */
    boolean nextLine() throws IOException {
        while (true) {
            if (parsedWhole()) {
                return true;
            }
            int eol = findEndOfLine();
            if (eol < 0) {
                return false;
            }
            int from = start;
            int to = eol;
            consumeLine(eol);
            if (to - from > MAX_LINE_BYTES) {
                lines++;
                malformed(lines, "line longer than " + MAX_LINE_BYTES + " bytes");
                continue;
            }
            if (isBlank(from, to)) {
                continue;
            }
            lines++;
            fallback = null;
            if (!fast.parse(buf, from, to, fields)) {
                try {
                    fallback = AccessLogReader.parse(new String(buf, from, to - from, StandardCharsets.UTF_8));
                } catch (AccessLogReader.MalformedLineException e) {
                    malformed(lines, e.getMessage());
                    continue;
                }
                fields.set(fallback);
            }
            records++;
            return true;
        }
    }

    /**
     * The common line, parsed before its end is looked for: one pass over its bytes instead of two (the
     * search for the line end was an eighth of the parsing time). False when the line is not laid out like
     * the last one, or runs past the bytes in the buffer; then the general path below decides. Only tried
     * with {@link #WHOLE_LINE_MARGIN} bytes or more left in the buffer, so that a line is not cut by the
     * buffer's end: the cut (in a number, in a string) was a branch the compiled parser had never seen,
     * and each one seen threw it away mid-log (JFR showed three to six such deoptimizations a run).
     */
    private static final int WHOLE_LINE_MARGIN = 4096;

    private boolean parsedWhole() {
        if (skipLf && start < limit) {
            if (buf[start] == '\n') {
                start++;
            }
            skipLf = false;
        }
        if (skipLf || limit - start < WHOLE_LINE_MARGIN) {
            return false;
        }
        int eol = fast.parseLine(buf, start, limit, fields);
        if (eol < 0 || eol - start > MAX_LINE_BYTES) {
            return false;
        }
        consumeLine(eol);
        lines++;
        fallback = null;
        records++;
        return true;
    }

    /** The strings behind the ids in {@link #fields()}. */
    AsciiInterner interner() {
        return fast.interner();
    }

    /** The line {@link #nextLine()} moved to; valid until the next call. */
    LineFields fields() {
        return fields;
    }

    long lines() {
        return lines;
    }

    long records() {
        return records;
    }

    long malformedCount() {
        return malformed;
    }

    /** The first few malformed lines, numbered from 1 in this cursor's input. */
    List<Malformed> malformedExamples() {
        return examples;
    }

    /** How an example reads in a report: "access.jsonl line 7: reason", the line counted from 1 in the file. */
    String example(Malformed m, long linesBefore) {
        return label + "line " + (linesBefore + m.line()) + ": " + m.reason();
    }

    @Override
    public AccessLogRecord current() {
        if (current == null) {
            throw new IllegalStateException("no current record: call next() first and check that it returned true");
        }
        return current;
    }

    @Override
    public ReadSummary summary() {
        return new ReadSummary(lines, records, malformed, examples.stream().map(m -> example(m, 0)).toList());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void malformed(long line, String reason) {
        malformed++;
        if (examples.size() < AccessLogReader.MAX_EXAMPLES) {
            examples.add(new Malformed(line, reason));
        }
    }

    /** Index of the terminator of the line starting at {@code start} (or of the end of data), -1 at EOF. */
    private int findEndOfLine() throws IOException {
        int scanned = start;
        while (true) {
            if (skipLf && scanned < limit) {
                if (buf[scanned] == '\n') {
                    start++;
                    scanned++;
                }
                skipLf = false;
            }
            int eol = lineEnd(buf, scanned, limit);
            if (eol >= 0) {
                return eol;
            }
            if (eof) {
                return start < limit ? limit : -1;
            }
            scanned = fill();
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;
    private static final long LF = '\n' * ONES;
    private static final long CR = '\r' * ONES;

    /**
     * The first {@code \n} or {@code \r} in [from, to), or -1. Eight bytes at a time: (x - 0x01..) & ~x &
     * 0x80.. is non-zero exactly when some byte of x is zero, so a word without a line end is skipped whole;
     * a flagged word is searched byte by byte, which decides.
     */
    static int lineEnd(byte[] buf, int from, int to) {
        int i = from;
        while (i < to) {
            while (i + 8 <= to) {
                long w = (long) LONGS.get(buf, i);
                long a = w ^ LF;
                long c = w ^ CR;
                if (((((a - ONES) & ~a) | ((c - ONES) & ~c)) & HIGH) != 0) {
                    break;
                }
                i += 8;
            }
            int stop = Math.min(i + 8, to);
            for (; i < stop; i++) {
                byte b = buf[i];
                if (b == '\n' || b == '\r') {
                    return i;
                }
            }
        }
        return -1;
    }

    private void consumeLine(int eol) {
        if (eol < limit) {
            skipLf = buf[eol] == '\r';
            start = eol + 1;
        } else {
            start = limit;
        }
    }

    /**
     * Reads more bytes, compacting or growing the buffer; returns the index of the first new byte (all
     * bytes before it were already searched for a line end).
     */
    private int fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, limit - start);
            limit -= start;
            start = 0;
        }
        if (limit >= buf.length - SLACK) {
            if (buf.length > MAX_LINE_BYTES) {
                // a line this long is malformed anyway: keep its head, drop the middle, find its end
                limit = MAX_LINE_BYTES + 1;
            } else {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
        }
        int firstNew = limit;
        int n = in.read(buf, limit, buf.length - SLACK - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
        return firstNew;
    }

    private boolean isBlank(int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = buf[i];
            if (c < 0) {
                return new String(buf, from, to - from, StandardCharsets.UTF_8).isBlank();
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }
}
