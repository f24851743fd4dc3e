package io.scoregate.gate.accesslog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads one plain (not gzip) log on several threads and hands its records to the caller's thread in file
 * order, as if one {@link AccessLogCursor} had read it: the file is cut into chunks of about
 * {@code chunkBytes} at line ends ("\n"), each chunk is split and parsed by a worker into a
 * {@link RecordBatch}, and the caller consumes the batches strictly in chunk order, so whatever it folds
 * them into sees the same sequence as a sequential read (which is what keeps an order-sensitive fold, such
 * as floating-point sums, exact). At most {@code 2 x threads} batches exist at once, so memory is flat in
 * the file size. Line numbers of malformed examples are counted over the whole file. A worker's I/O error
 * is rethrown as is; any other failure in a worker is rethrown on the caller's thread, never swallowed.
 */
public final class ChunkedLogReader {

    /** What the caller does with each batch, in file order; the batch is reused after it returns. */
    public interface BatchSink {
        /**
         * Work on each batch that needs no order: runs on the thread that parsed it, before it is handed
         * over, on several batches at once; it may only write the batch ({@link RecordBatch#derive}).
         */
        default void prepare(RecordBatch batch) {
        }

        void accept(RecordBatch batch);
    }

    public static final long DEFAULT_CHUNK_BYTES = 4L << 20;

    private final Path file;
    private final int threads;
    private final long chunkBytes;

    /**
     * @param threads    workers parsing at once (1..64)
     * @param chunkBytes target chunk size; a chunk ends at the first line end at or after it (tests use tiny
     *                   chunks to put a cut inside every kind of line)
     */
    public ChunkedLogReader(Path file, int threads, long chunkBytes) {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be between 1 and 64, but was " + threads);
        }
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be at least 1, but was " + chunkBytes);
        }
        this.file = file;
        this.threads = threads;
        this.chunkBytes = chunkBytes;
    }

    /** Whether a log can be read by this reader: gzip is one stream that cannot be entered in the middle. */
    public static boolean isPlain(Path file) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return !(in.read() == 0x1f && in.read() == 0x8b);
        }
    }

    private record Chunk(long from, long to) {
    }

    public ReadSummary read(BatchSink sink) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "access-log-chunk-reader");
            t.setDaemon(true); // an abandoned read must not keep the CLI alive
            return t;
        });
        int inFlight = 2 * threads;
        BlockingQueue<RecordBatch> free = new ArrayBlockingQueue<>(inFlight);
        for (int i = 0; i < inFlight; i++) {
            free.add(new RecordBatch());
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            String label = String.valueOf(file.getFileName());
            ArrayDeque<Future<RecordBatch>> pending = new ArrayDeque<>();
            long next = 0;
            long lines = 0;
            long records = 0;
            long malformed = 0;
            List<String> examples = new ArrayList<>();
            while (next < size && pending.size() < inFlight) {
                next = submit(pool, channel, size, next, label, sink, free, pending);
            }
            while (!pending.isEmpty()) {
                RecordBatch b = await(pending.poll());
                sink.accept(b);
                for (AccessLogCursor.Malformed m : b.examples()) {
                    if (examples.size() < AccessLogReader.MAX_EXAMPLES) {
                        examples.add(exampleLabel(label) + "line " + (lines + m.line()) + ": " + m.reason());
                    }
                }
                lines += b.lines();
                records += b.size();
                malformed += b.malformed();
                b.clear();
                free.add(b);
                if (next < size) {
                    next = submit(pool, channel, size, next, label, sink, free, pending);
                }
            }
            return new ReadSummary(lines, records, malformed, examples);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Cuts the chunk starting at {@code from}, hands it to a worker, and returns where the next one starts. */
    private long submit(ExecutorService pool, FileChannel channel, long size, long from, String label,
                        BatchSink sink, BlockingQueue<RecordBatch> free, ArrayDeque<Future<RecordBatch>> pending) throws IOException {
        Chunk c = new Chunk(from, lineStartAtOrAfter(channel, size, from + chunkBytes));
        pending.add(pool.submit(() -> {
            RecordBatch b = parse(channel, c, label, free.take());
            sink.prepare(b);
            return b;
        }));
        return c.to();
    }

    private static String exampleLabel(String label) {
        return label.isEmpty() ? "" : label + " ";
    }

    private static RecordBatch parse(FileChannel channel, Chunk c, String label, RecordBatch into) throws IOException {
        var cursor = new AccessLogCursor(new RegionStream(channel, c.from(), c.to()), label);
        while (cursor.nextLine()) {
            into.add(cursor.fields());
        }
        into.finish(cursor);
        return into;
    }

    private static RecordBatch await(Future<RecordBatch> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a log reader", e);
        } catch (ExecutionException e) {
            throw StreamedLogReader.rethrow(e.getCause());
        }
    }

    /**
     * The first position at or after {@code p} where a line starts (just after a "\n"), or the end of the
     * file. Scans from {@code p - 1}, so a cut never splits a line; a line longer than a chunk simply makes
     * the chunk longer.
     */
    static long lineStartAtOrAfter(FileChannel channel, long size, long p) throws IOException {
        if (p >= size) {
            return size;
        }
        ByteBuffer buf = ByteBuffer.allocate(4096);
        long pos = p - 1;
        while (pos < size) {
            buf.clear();
            int n = channel.read(buf, pos);
            if (n <= 0) {
                return size;
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) == '\n') {
                    return pos + i + 1;
                }
            }
            pos += n;
        }
        return size;
    }

    /** Bytes [from, to) of a file through positional reads, so several threads share one channel. */
    private static final class RegionStream extends InputStream {
        private final FileChannel channel;
        private long pos;
        private final long end;

        RegionStream(FileChannel channel, long from, long to) {
            this.channel = channel;
            this.pos = from;
            this.end = to;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= end) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
            if (n < 0) {
                return -1; // the file shrank under us: end the chunk here
            }
            pos += n;
            return n;
        }
    }
}
