package io.scoregate.gate.accesslog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads one log that cannot be cut into chunks (gzip is a single stream) on one thread and hands its records
 * to the caller's thread in {@link RecordBatch}es, in file order: decompression and parsing overlap with the
 * caller's fold, and no object is built per line. Batches are recycled through a small pool, so memory is flat
 * in the file size. A failure on the reading thread is rethrown on the caller's (an I/O error as is).
 */
public final class StreamedLogReader {

    static final int BATCH_RECORDS = 16_384;
    private static final int IN_FLIGHT = 4;

    private final Path file;

    public StreamedLogReader(Path file) {
        this.file = file;
    }

    /** One hand-over: a batch of records, or the end (with the summary), or the failure. */
    private record Handover(RecordBatch batch, ReadSummary summary, Throwable failure) {
    }

    public ReadSummary read(ChunkedLogReader.BatchSink sink) throws IOException {
        try (Stream stream = new Stream(file, sink)) {
            for (RecordBatch b = stream.next(); b != null; b = stream.next()) {
                sink.accept(b);
                stream.recycle(b);
            }
            return stream.summary();
        }
    }

    /**
     * One log's batches, in file order, parsed on a thread of their own ({@link ChunkedLogReader.BatchSink#prepare}
     * runs there too); at most {@link #IN_FLIGHT} batches exist at once. Also the per-file input of
     * {@link TimeMergedBatches}.
     */
    static final class Stream implements java.io.Closeable {

        private final BlockingQueue<RecordBatch> free = new ArrayBlockingQueue<>(IN_FLIGHT);
        private final BlockingQueue<Handover> full = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
        private final AccessLogCursor cursor;
        private final Thread reader;
        private ReadSummary summary;

        Stream(Path file, ChunkedLogReader.BatchSink sink) throws IOException {
            for (int i = 0; i < IN_FLIGHT; i++) {
                free.add(new RecordBatch());
            }
            cursor = AccessLogCursor.open(file);
            reader = new Thread(() -> produce(cursor, sink, free, full), "access-log-stream-reader");
            reader.setDaemon(true); // an abandoned read must not keep the CLI alive
            reader.start();
        }

        /** The next batch (hand it back with {@link #recycle}), or null after the last. */
        RecordBatch next() throws IOException {
            if (summary != null) {
                return null;
            }
            try {
                Handover h = full.take();
                if (h.failure() != null) {
                    throw rethrow(h.failure());
                }
                if (h.batch() == null) {
                    summary = h.summary();
                }
                return h.batch();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the log reader", e);
            }
        }

        void recycle(RecordBatch b) {
            b.clear();
            free.add(b);
        }

        /** What reading the log found; only after {@link #next} returned null. */
        ReadSummary summary() {
            if (summary == null) {
                throw new IllegalStateException("the log has not been read to its end");
            }
            return summary;
        }

        @Override
        public void close() throws IOException {
            reader.interrupt();
            cursor.close();
        }
    }

    private static void produce(AccessLogCursor cursor, ChunkedLogReader.BatchSink sink, BlockingQueue<RecordBatch> free,
                                BlockingQueue<Handover> full) {
        try {
            while (true) {
                RecordBatch b = free.take();
                boolean more = true;
                while (b.size() < BATCH_RECORDS && (more = cursor.nextLine())) {
                    b.add(cursor.fields());
                }
                b.takeStrings(cursor);
                sink.prepare(b);
                full.put(new Handover(b, null, null));
                if (!more) {
                    full.put(new Handover(null, cursor.summary(), null));
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller stopped reading
        } catch (IOException | RuntimeException | Error e) {
            full.offer(new Handover(null, null, e));
        }
    }

    /**
     * A reading thread's failure, for the caller's thread: an I/O error as is (returned, to be thrown), any other
     * failure thrown here, never swallowed. {@link ChunkedLogReader} uses it too.
     */
    static IOException rethrow(Throwable t) {
        if (t instanceof IOException io) {
            return io;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException("the log reader failed", t);
    }
}
