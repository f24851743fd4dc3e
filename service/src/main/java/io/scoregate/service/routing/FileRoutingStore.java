package io.scoregate.service.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The routing table in {@code <data-dir>/routing.json}, its audit log in {@code <data-dir>/routing-audit.jsonl}.
 *
 * <p>A write is: the table to a temporary file in the same directory (fsync), renamed over the table with
 * ATOMIC_MOVE (the commit point; the directory is fsynced), then the audit line appended (fsync). So a
 * reader (or a crash) never sees half a table, and an audit line exists only for a change that took effect.
 * A crash can leave a temporary file (before the rename) or a change without its audit line (between the
 * rename and the append); {@link #recover()}, run at start-up and before every write, deletes the first and
 * writes the second from the table itself. Read-check-write and recovery run under an exclusive lock on
 * {@code routing.lock}, so several processes sharing the directory cannot both win a compare-and-set.
 *
 * <p>Any content of {@code routing.json} that is not a valid table (invalid UTF-8, truncated, empty, binary,
 * JSON of another shape, a missing file while the audit shows earlier tables) is {@link StoreState#CORRUPTED},
 * never DOWN: DOWN is for I/O failures only. A corrupted store's revision is the highest one it shows any
 * evidence of ({@link StoreCorruption#revisionFloor()}); the next accepted write builds on it, so revisions
 * never go back, and keeps the broken file beside it as {@code routing.json.corrupt-<millis>}.
 */
public final class FileRoutingStore implements RoutingStore {

    private static final Logger LOG = Logger.getLogger(FileRoutingStore.class);
    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();
    /** A table is a few hundred bytes; anything much larger is garbage and is not read whole. */
    static final int MAX_TABLE_BYTES = 64 * 1024;
    /** How much of the audit's end recovery reads: hundreds of entries, where at most a few matter. */
    private static final int AUDIT_TAIL_BYTES = 256 * 1024;
    private static final String TMP_PREFIX = "routing";
    private static final String TMP_SUFFIX = ".json.tmp";

    /** The steps of a write, for tests that stop a write between two of them as a crash would. */
    enum WriteStep { TEMP_WRITTEN, TABLE_REPLACED, AUDIT_APPENDED }

    private final Path dir;
    private final Path table;
    private final Path audit;
    private final Path phantoms;
    private final Path lock;
    private final Clock clock;
    private final Consumer<WriteStep> afterStep;
    private volatile Optional<RoutingTable> lastGood = Optional.empty();

    public FileRoutingStore(Path dataDir, Clock clock) {
        this(dataDir, clock, step -> { });
    }

    /** Package-private seam: {@code afterStep} runs after each step of a write (tests throw there). */
    FileRoutingStore(Path dataDir, Clock clock, Consumer<WriteStep> afterStep) {
        this.dir = dataDir;
        this.table = dataDir.resolve("routing.json");
        this.audit = dataDir.resolve("routing-audit.jsonl");
        this.phantoms = dataDir.resolve("routing-audit.jsonl.phantom");
        this.lock = dataDir.resolve("routing.lock");
        this.clock = clock;
        this.afterStep = afterStep;
    }

    @Override
    public String kind() {
        return "file";
    }

    public Path tablePath() {
        return table;
    }

    @Override
    public Optional<RoutingTable> read() {
        Optional<byte[]> stored = readTableBytes();
        List<RoutingAuditEntry> history;
        if (stored.isEmpty()) {
            history = readAudit();
            if (history.isEmpty()) {
                return Optional.empty(); // a fresh directory
            }
            throw corrupted(table + " is missing although " + audit + " records " + history.size()
                    + " change(s)", new byte[0], history);
        }
        try {
            if (stored.get().length > MAX_TABLE_BYTES) {
                throw new RoutingJson.InvalidTableException("larger than " + MAX_TABLE_BYTES + " bytes");
            }
            RoutingTable t = RoutingJson.readTable(stored.get());
            lastGood = Optional.of(t);
            return Optional.of(t);
        } catch (RoutingJson.InvalidTableException e) {
            throw corrupted(table + " is corrupted (" + e.getMessage() + ")", stored.get(), readAudit());
        }
    }

    /** The bytes of the table file, at most {@link #MAX_TABLE_BYTES} + 1; empty when there is no file. */
    private Optional<byte[]> readTableBytes() {
        try (InputStream in = Files.newInputStream(table)) {
            return Optional.of(in.readNBytes(MAX_TABLE_BYTES + 1));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RoutingStoreException(StoreState.DOWN, "cannot read " + table + ": " + e, e);
        }
    }

    private RoutingStoreException corrupted(String detail, byte[] stored, List<RoutingAuditEntry> history) {
        long floor = RoutingJson.highestRevisionMentioned(stored);
        Optional<RoutingTable> lastKnown = lastGood;
        for (RoutingAuditEntry e : history) {
            floor = Math.max(floor, e.to().revision());
            if (lastKnown.isEmpty() || e.to().revision() > lastKnown.get().revision()) {
                lastKnown = Optional.of(e.to());
            }
        }
        floor = Math.max(floor, lastKnown.map(RoutingTable::revision).orElse(NO_TABLE));
        return new RoutingStoreException(new StoreCorruption(detail, floor, lastKnown, ""));
    }

    @Override
    public CasOutcome compareAndSet(long expectedRevision, RoutingTable next, RoutingAuditEntry entry) {
        return underLock(() -> lockedCompareAndSet(expectedRevision, next, entry));
    }

    /**
     * Deletes temporary files of writes that never finished and appends the audit line of a change that a
     * crash left without one. Cheap when there is nothing to do; safe with other processes on the directory.
     */
    @Override
    public void recover() {
        underLock(() -> {
            repairCrashLeftovers();
            return null;
        });
    }

    private interface LockedIo<T> {
        T run() throws IOException;
    }

    private <T> T underLock(LockedIo<T> work) {
        // A FileLock excludes other processes only; threads of this JVM would get OverlappingFileLockException,
        // so they queue on a lock per directory first.
        ReentrantLock inProcess = IN_PROCESS_LOCKS.computeIfAbsent(lock.toAbsolutePath().normalize(),
                p -> new ReentrantLock());
        inProcess.lock();
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return work.run();
            }
        } catch (IOException e) {
            throw new RoutingStoreException(StoreState.DOWN, "cannot write " + table + ": " + e, e);
        } finally {
            inProcess.unlock();
        }
    }

    private CasOutcome lockedCompareAndSet(long expectedRevision, RoutingTable next, RoutingAuditEntry entry)
            throws IOException {
        repairCrashLeftovers();
        long current = currentRevisionForWrite();
        if (current != expectedRevision) {
            return new CasOutcome(false, current);
        }
        if (next.revision() <= current) {
            throw new IllegalArgumentException("revision " + next.revision() + " does not follow " + current);
        }
        Path tmp = Files.createTempFile(dir, TMP_PREFIX, TMP_SUFFIX);
        try {
            Files.writeString(tmp, RoutingJson.write(next), StandardCharsets.UTF_8,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
            afterStep.accept(WriteStep.TEMP_WRITTEN);
            moveAtomically(tmp, table);
            syncDirectory();
            afterStep.accept(WriteStep.TABLE_REPLACED);
        } finally {
            Files.deleteIfExists(tmp);
        }
        lastGood = Optional.of(next);
        // After the rename: a crash before this line leaves a change without its audit line, which
        // recovery writes from the table; the other order left audit lines for changes that never happened.
        appendAudit(entry);
        afterStep.accept(WriteStep.AUDIT_APPENDED);
        return new CasOutcome(true, next.revision());
    }

    /** The revision on disk; for a corrupted file its revision floor, and the broken file is set aside. */
    private long currentRevisionForWrite() throws IOException {
        try {
            return read().map(RoutingTable::revision).orElse(NO_TABLE);
        } catch (RoutingStoreException e) {
            StoreCorruption c = e.corruption().orElseThrow(() -> e);
            if (Files.exists(table)) {
                Files.copy(table, table.resolveSibling("routing.json.corrupt-" + clock.millis()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            return c.revisionFloor();
        }
    }

    /** Under the lock: what a writer killed mid-write left behind. */
    private void repairCrashLeftovers() throws IOException {
        try (DirectoryStream<Path> tmps = Files.newDirectoryStream(dir, TMP_PREFIX + "*" + TMP_SUFFIX)) {
            for (Path tmp : tmps) {
                // Temporary files are only created under this lock, so any seen here belongs to a dead writer.
                Files.deleteIfExists(tmp);
                LOG.infof("deleted %s, left by a routing write that never finished", tmp.getFileName());
            }
        }
        dropTornAuditTail();
        Optional<RoutingTable> inForce;
        try {
            inForce = read();
        } catch (RoutingStoreException e) {
            if (e.state() == StoreState.CORRUPTED) {
                return; // nothing to compare the audit with; the repair writes a fresh line anyway
            }
            throw e;
        }
        if (inForce.isEmpty()) {
            return;
        }
        RoutingTable t = inForce.get();
        List<AuditLine> tail = auditTail();
        int keep = tail.size();
        while (keep > 0 && tail.get(keep - 1).revision() > t.revision()) {
            keep--;
        }
        if (keep < tail.size()) {
            setAsidePhantoms(tail.subList(keep, tail.size()), t);
        }
        Optional<RoutingTable> lastAudited = Optional.empty();
        for (int i = keep - 1; i >= 0 && lastAudited.isEmpty(); i--) {
            lastAudited = tail.get(i).entry().map(RoutingAuditEntry::to);
        }
        if (lastAudited.isEmpty() && Files.exists(audit) && Files.size(audit) > AUDIT_TAIL_BYTES) {
            List<RoutingAuditEntry> all = readAudit(); // the tail was all unreadable: look at everything
            lastAudited = all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1).to());
        }
        if (lastAudited.map(a -> a.revision() < t.revision()).orElse(true)) {
            appendAudit(new RoutingAuditEntry(t.updatedAt(), t.updatedBy(), "unknown",
                    lastAudited.filter(a -> a.revision() == t.revision() - 1), t,
                    t.reason() + " [audit line recovered from routing.json: the table was in force without one,"
                            + " as a writer stopped between replacing the table and auditing it leaves it]"));
            LOG.warnf("routing audit was missing %s (a writer stopped before auditing it); recovered the line",
                    t.summary());
        }
    }

    /** A crash in the middle of an append leaves a line without its newline; the next append would glue onto it. */
    private void dropTornAuditTail() throws IOException {
        if (!Files.exists(audit)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(audit, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long keep = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (keep > 0) {
                one.clear();
                ch.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep < size) {
                ch.truncate(keep);
                ch.force(true);
                LOG.warnf("dropped a torn last line (%d bytes) of %s", size - keep, audit.getFileName());
            }
        }
    }

    /** One audit line: where it starts in the file, and the entry when it is readable. */
    private record AuditLine(long offset, byte[] bytes, Optional<RoutingAuditEntry> entry) {

        long revision() {
            return entry.map(e -> e.to().revision()).orElse(NO_TABLE); // unreadable lines are kept, not judged
        }
    }

    /**
     * The complete lines in the last {@link #AUDIT_TAIL_BYTES} of the audit, oldest first: recovery only ever
     * looks at the newest entries, and must not read years of history on every write.
     */
    private List<AuditLine> auditTail() throws IOException {
        if (!Files.exists(audit)) {
            return List.of();
        }
        byte[] bytes;
        long start;
        try (FileChannel ch = FileChannel.open(audit, StandardOpenOption.READ)) {
            start = Math.max(0, ch.size() - AUDIT_TAIL_BYTES);
            ByteBuffer buf = ByteBuffer.allocate((int) (ch.size() - start));
            while (buf.hasRemaining() && ch.read(buf, start + buf.position()) >= 0) {
                // read until the buffer is full
            }
            bytes = buf.array();
        }
        List<AuditLine> lines = new ArrayList<>();
        int from = 0;
        if (start > 0) { // the first bytes are the end of a line that began before the tail
            while (from < bytes.length && bytes[from] != '\n') {
                from++;
            }
            from++;
        }
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                byte[] line = Arrays.copyOfRange(bytes, from, i);
                lines.add(new AuditLine(start + from, line, parseAudit(line)));
                from = i + 1;
            }
        }
        return lines;
    }

    /**
     * Audit lines after the table's revision are changes that never took effect (an older version of this
     * store appended the line before the rename, and a crash fell between the two): they move to
     * {@code routing-audit.jsonl.phantom}, so the audit only lists changes that happened.
     */
    private void setAsidePhantoms(List<AuditLine> phantom, RoutingTable inForce) throws IOException {
        try (FileChannel out = FileChannel.open(phantoms, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            for (AuditLine line : phantom) {
                out.write(ByteBuffer.wrap(line.bytes()));
                out.write(ByteBuffer.wrap(new byte[] {'\n'}));
            }
            out.force(true);
        }
        // A crash before the truncation leaves them in both files; the next recovery moves them again.
        try (FileChannel ch = FileChannel.open(audit, StandardOpenOption.WRITE)) {
            ch.truncate(phantom.get(0).offset());
            ch.force(true);
        }
        LOG.warnf("moved %d audit line(s) for changes that never took effect (after %s) to %s", phantom.size(),
                inForce.summary(), phantoms.getFileName());
    }

    private static Optional<RoutingAuditEntry> parseAudit(byte[] line) {
        try {
            return Optional.of(RoutingJson.readAudit(new String(line, StandardCharsets.UTF_8)));
        } catch (RoutingJson.InvalidTableException e) {
            return Optional.empty();
        }
    }

    private void appendAudit(RoutingAuditEntry entry) throws IOException {
        Files.writeString(audit, RoutingJson.write(entry) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the data directory does not support atomic renames; refusing a torn write", e);
        }
    }

    /** Makes the rename itself durable before the audit line claims it happened. */
    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debugf("cannot fsync directory %s on this platform: %s", dir, e);
        }
    }

    /** Every readable audit entry, oldest first; unreadable lines (a torn append) are skipped. */
    private List<RoutingAuditEntry> readAudit() {
        List<String> lines;
        try {
            // Byte for byte: a damaged byte in one line must not make the whole audit unreadable.
            lines = Files.readAllLines(audit, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new RoutingStoreException(StoreState.DOWN, "cannot read " + audit + ": " + e, e);
        }
        List<RoutingAuditEntry> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            // A torn or damaged line is skipped; it must not hide every other entry.
            parseAudit(line.getBytes(StandardCharsets.ISO_8859_1)).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public List<RoutingAuditEntry> recentAudit(int limit) {
        List<RoutingAuditEntry> all = readAudit();
        List<RoutingAuditEntry> out = new ArrayList<>(Math.min(limit, all.size()));
        for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
            out.add(all.get(i));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public void subscribe(Consumer<RoutingTable> listener) {
        // No push for files: instances sharing the directory pick changes up on the periodic re-read.
    }

    @Override
    public void close() {
    }
}
