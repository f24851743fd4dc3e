package io.scoregate.gate.accesslog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Parses one log on its own thread, handing records over in batches through a small bounded queue, so
 * decompression and parsing overlap with whatever consumes the records (and several files parse in
 * parallel under {@link TimeMergedLogs}). The queue holds at most {@link #QUEUE} x {@link #BATCH} records,
 * so memory stays flat in the file size. An I/O error on the reading thread is rethrown by {@link #next()}.
 */
public final class PrefetchingCursor implements RecordCursor {

    static final int BATCH = 4096;
    static final int QUEUE = 4;

    private record Batch(AccessLogRecord[] records, int size, boolean last, ReadSummary summary,
                         RuntimeException failure) {
    }

    private final AccessLogCursor delegate;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread reader;
    private volatile boolean closed;
    private Batch batch;
    private int index;
    private AccessLogRecord current;
    private ReadSummary summary = new ReadSummary(0, 0, 0, List.of());

    public PrefetchingCursor(AccessLogCursor delegate, String name) {
        this.delegate = delegate;
        this.reader = new Thread(this::readAll, "access-log-reader-" + name);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    private void readAll() {
        try {
            while (!closed) {
                AccessLogRecord[] records = new AccessLogRecord[BATCH];
                int n = 0;
                while (n < BATCH && delegate.next()) {
                    records[n++] = delegate.current();
                }
                boolean last = n < BATCH;
                if (!hand(new Batch(records, n, last, last ? delegate.summary() : null, null)) || last) {
                    return;
                }
            }
        } catch (IOException e) {
            hand(new Batch(null, 0, true, null, new UncheckedIOException(e)));
        } catch (RuntimeException e) {
            hand(new Batch(null, 0, true, null, e));
        }
    }

    /** Waits for room in the queue, giving up when the consumer closed the cursor. */
    private boolean hand(Batch b) {
        try {
            while (!closed) {
                if (queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public boolean next() throws IOException {
        while (true) {
            if (batch != null && index < batch.size()) {
                current = batch.records()[index++];
                return true;
            }
            if (batch != null && batch.last()) {
                current = null;
                return false;
            }
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the log reader", e);
            }
            index = 0;
            if (batch.failure() != null) {
                RuntimeException f = batch.failure();
                batch = new Batch(null, 0, true, null, null);
                if (f instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
                throw f;
            }
            if (batch.last() && batch.summary() != null) {
                summary = batch.summary();
            }
        }
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
        return summary;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        try {
            reader.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delegate.close();
    }
}
