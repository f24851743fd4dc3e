package io.scoregate.gate.accesslog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Several access logs read as one stream ordered by timestamp: a k-way merge that holds one record per
 * file (a heap of cursors), so memory does not grow with the files. Each file is assumed to be written in
 * time order; a line that goes backwards within its file (threads finishing out of order) is passed on
 * where it stands, not re-sorted, so the merged stream is ordered only as well as its files are. Ties go to
 * the file named first. Each file is parsed on its own thread ({@link PrefetchingCursor}); the merge and
 * whoever consumes it run on the caller's thread.
 */
public final class TimeMergedLogs implements Closeable {

    private record Head(RecordCursor cursor, int fileIndex) {
    }

    private final List<RecordCursor> cursors;
    private final PriorityQueue<Head> heap;
    private AccessLogRecord current;

    private TimeMergedLogs(List<RecordCursor> cursors) throws IOException {
        this.cursors = cursors;
        this.heap = new PriorityQueue<>(Math.max(1, cursors.size()),
                Comparator.<Head, java.time.Instant>comparing(h -> h.cursor().current().timestamp())
                        .thenComparingInt(Head::fileIndex));
        for (int i = 0; i < cursors.size(); i++) {
            if (cursors.get(i).next()) {
                heap.add(new Head(cursors.get(i), i));
            }
        }
    }

    /** Opens every file; on failure closes the ones already open and rethrows. */
    public static TimeMergedLogs open(List<Path> files) throws IOException {
        List<RecordCursor> opened = new ArrayList<>();
        try {
            for (Path f : files) {
                opened.add(new PrefetchingCursor(AccessLogCursor.open(f), String.valueOf(f.getFileName())));
            }
            return new TimeMergedLogs(opened);
        } catch (IOException | RuntimeException e) {
            for (RecordCursor c : opened) {
                try {
                    c.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    public boolean next() throws IOException {
        if (heap.isEmpty()) {
            current = null;
            return false;
        }
        if (cursors.size() == 1) { // the common case needs no heap traffic
            RecordCursor only = heap.peek().cursor();
            current = only.current();
            if (!only.next()) {
                heap.clear();
            }
            return true;
        }
        Head head = heap.poll();
        current = head.cursor().current();
        if (head.cursor().next()) {
            heap.add(head);
        }
        return true;
    }

    public AccessLogRecord current() {
        if (current == null) {
            throw new IllegalStateException("no current record: call next() first and check that it returned true");
        }
        return current;
    }

    /** Lines, records and malformed lines of all files together. */
    public ReadSummary summary() {
        ReadSummary total = new ReadSummary(0, 0, 0, List.of());
        for (RecordCursor c : cursors) {
            total = total.plus(c.summary());
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        Closeables.closeAll(cursors);
    }
}
