package io.scoregate.gate.accesslog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several logs merged by time into batches, in exactly the order {@link TimeMergedLogs} gives their records: the
 * record with the earliest timestamp among each file's next record (to the nanosecond), ties to the file named
 * first, a line that goes backwards within its file passed on where it stands. Each file is parsed on a thread of
 * its own into batches ({@link StreamedLogReader.Stream}); this thread copies their records, merged, into batches
 * of {@link #MERGED_RECORDS} for the caller, without an object per line. Memory is flat in the file sizes: a few
 * batches per file and one merged batch.
 */
public final class TimeMergedBatches {

    static final int MERGED_RECORDS = 16_384;
    /** A string of a source batch not yet given an id in the merged batch. */
    private static final int UNTRANSLATED = Integer.MIN_VALUE;

    private final List<Path> files;

    public TimeMergedBatches(List<Path> files) {
        this.files = List.copyOf(files);
    }

    /**
     * One file's stream, the record of its current batch that is next, and the merged batch's ids of that batch's
     * strings (each string gets one id per merged batch, whichever file it comes from).
     */
    private static final class Head implements RecordBatch.IdTranslation {
        final StreamedLogReader.Stream stream;
        private final RecordBatch merged;
        private final Map<String, Integer> mergedIds;
        RecordBatch batch;
        int row;
        /** The merged batch's id of each string of the current batch, or UNTRANSLATED. */
        private int[] ids = new int[0];

        Head(StreamedLogReader.Stream stream, RecordBatch merged, Map<String, Integer> mergedIds) {
            this.stream = stream;
            this.merged = merged;
            this.mergedIds = mergedIds;
        }

        @Override
        public int of(RecordBatch other, int id) {
            int index = other.index(id);
            int t = ids[index];
            if (t == UNTRANSLATED) {
                t = mergedIds.computeIfAbsent(other.string(id), merged::looseId);
                ids[index] = t;
            }
            return t;
        }

        /** Moves to the current batch's next record, or to the next batch; false at the end of the file. */
        boolean advance() throws IOException {
            if (batch != null && ++row < batch.size()) {
                return true;
            }
            if (batch != null) {
                stream.recycle(batch);
            }
            batch = stream.next();
            while (batch != null && batch.size() == 0) { // the last batch of a file may hold nothing
                stream.recycle(batch);
                batch = stream.next();
            }
            row = 0;
            if (batch == null) {
                return false;
            }
            forgetIds();
            return true;
        }

        void forgetIds() {
            if (ids.length < batch.ids()) {
                ids = new int[Math.max(batch.ids(), 2 * ids.length)];
            }
            Arrays.fill(ids, 0, batch.ids(), UNTRANSLATED);
        }

        /** Whether this head's record comes before the other's (by timestamp, then by the file named first). */
        boolean before(Head o) {
            long s = batch.epochSecond(row);
            long os = o.batch.epochSecond(o.row);
            return s < os || (s == os && batch.nanos(row) < o.batch.nanos(o.row));
        }
    }

    public ReadSummary read(ChunkedLogReader.BatchSink sink) throws IOException {
        List<Head> heads = new ArrayList<>();
        var merged = new RecordBatch();
        Map<String, Integer> mergedIds = new HashMap<>();
        // closed like a resource, so that a failure in closing is suppressed in the read's own failure, not
        // thrown in its place
        try (Closeable streams = () -> Closeables.closeAll(heads.stream().map(h -> h.stream).toList())) {
            for (Path f : files) {
                heads.add(new Head(new StreamedLogReader.Stream(f, sink), merged, mergedIds));
            }
            List<Head> live = new ArrayList<>();
            for (Head h : heads) {
                if (h.advance()) {
                    live.add(h);
                }
            }
            boolean allDerived = true;
            while (!live.isEmpty()) {
                // the earliest head; live stays in file order, so a tie keeps the file named first
                int min = 0;
                for (int k = 1; k < live.size(); k++) {
                    if (live.get(k).before(live.get(min))) {
                        min = k;
                    }
                }
                Head h = live.get(min);
                allDerived &= h.batch.isDerived();
                merged.addFrom(h.batch, h.row, h);
                if (merged.size() == MERGED_RECORDS) {
                    hand(sink, merged, allDerived, mergedIds, heads);
                    allDerived = true;
                }
                if (!h.advance()) {
                    live.remove(min);
                }
            }
            if (merged.size() > 0) {
                hand(sink, merged, allDerived, mergedIds, heads);
            }
            ReadSummary total = new ReadSummary(0, 0, 0, List.of());
            for (Head h : heads) {
                total = total.plus(h.stream.summary());
            }
            return total;
        }
    }

    /** Hands the merged batch over and starts the next one (its string ids start afresh). */
    private static void hand(ChunkedLogReader.BatchSink sink, RecordBatch merged, boolean allDerived,
                             Map<String, Integer> mergedIds, List<Head> heads) {
        if (allDerived) {
            merged.markDerived();
        }
        sink.accept(merged);
        merged.clear();
        mergedIds.clear();
        for (Head h : heads) {
            if (h.batch != null) {
                h.forgetIds();
            }
        }
    }
}
