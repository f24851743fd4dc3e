package io.scoregate.service.routing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The routing table in {@code <data-dir>/routing.json}, its audit log in {@code <data-dir>/routing-audit.jsonl}.
 *
 * <p>Writes go to a temporary file in the same directory and are renamed over the table with ATOMIC_MOVE,
 * so a reader (or a crash) never sees half a table. Read-check-write runs under an exclusive lock on
 * {@code routing.lock}, so several processes sharing the directory cannot both win a compare-and-set.
 *
 * <p>A corrupted table file is reported as {@link StoreState#CORRUPTED}; the next accepted write replaces
 * it (checked against the last revision this store read successfully, or else the caller's) and keeps the
 * broken file beside it
 * as {@code routing.json.corrupt-<millis>} for inspection.
 */
public final class FileRoutingStore implements RoutingStore {

    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path table;
    private final Path audit;
    private final Path lock;
    private final Clock clock;
    private volatile long lastGoodRevision = NO_TABLE;

    public FileRoutingStore(Path dataDir, Clock clock) {
        this.table = dataDir.resolve("routing.json");
        this.audit = dataDir.resolve("routing-audit.jsonl");
        this.lock = dataDir.resolve("routing.lock");
        this.clock = clock;
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
        String json;
        try {
            json = Files.readString(table, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RoutingStoreException(StoreState.DOWN, "cannot read " + table + ": " + e, e);
        }
        try {
            RoutingTable t = RoutingJson.readTable(json);
            lastGoodRevision = t.revision();
            return Optional.of(t);
        } catch (RoutingJson.InvalidTableException e) {
            throw new RoutingStoreException(StoreState.CORRUPTED, table + " is corrupted (" + e.getMessage() + ")");
        }
    }

    @Override
    public CasOutcome compareAndSet(long expectedRevision, RoutingTable next, RoutingAuditEntry entry) {
        // A FileLock excludes other processes only; threads of this JVM would get OverlappingFileLockException,
        // so they queue on a lock per directory first.
        ReentrantLock inProcess = IN_PROCESS_LOCKS.computeIfAbsent(lock.toAbsolutePath().normalize(),
                p -> new ReentrantLock());
        inProcess.lock();
        try {
            return lockedCompareAndSet(expectedRevision, next, entry);
        } finally {
            inProcess.unlock();
        }
    }

    private CasOutcome lockedCompareAndSet(long expectedRevision, RoutingTable next, RoutingAuditEntry entry) {
        try {
            Files.createDirectories(table.getParent());
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                long current = currentRevisionForWrite(expectedRevision);
                if (current != expectedRevision) {
                    return new CasOutcome(false, current);
                }
                Path tmp = Files.createTempFile(table.getParent(), "routing", ".json.tmp");
                try {
                    Files.writeString(tmp, RoutingJson.write(next), StandardCharsets.UTF_8,
                            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
                    // The audit line goes first: a change that is in force but missing from the audit would be
                    // worse than an audit line for a change that a crash kept from taking effect.
                    Files.writeString(audit, RoutingJson.write(entry) + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
                    moveAtomically(tmp, table);
                } finally {
                    Files.deleteIfExists(tmp);
                }
                lastGoodRevision = next.revision();
                return new CasOutcome(true, next.revision());
            }
        } catch (IOException e) {
            throw new RoutingStoreException(StoreState.DOWN, "cannot write " + table + ": " + e, e);
        }
    }

    /** The revision on disk; a corrupted file counts as the last good revision and is set aside. */
    private long currentRevisionForWrite(long expectedRevision) throws IOException {
        try {
            return read().map(RoutingTable::revision).orElse(NO_TABLE);
        } catch (RoutingStoreException e) {
            if (e.state() != StoreState.CORRUPTED) {
                throw e;
            }
            Files.copy(table, table.resolveSibling("routing.json.corrupt-" + clock.millis()),
                    StandardCopyOption.REPLACE_EXISTING);
            // Without a good read since start there is nothing to check against: the caller's view (the
            // table it applies, shown by GET /admin/routing) is the best there is.
            return lastGoodRevision == NO_TABLE ? expectedRevision : lastGoodRevision;
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the data directory does not support atomic renames; refusing a torn write", e);
        }
    }

    @Override
    public List<RoutingAuditEntry> recentAudit(int limit) {
        List<String> lines;
        try {
            lines = Files.readAllLines(audit, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new RoutingStoreException(StoreState.DOWN, "cannot read " + audit + ": " + e, e);
        }
        List<RoutingAuditEntry> out = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0 && out.size() < limit; i--) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(RoutingJson.readAudit(line));
            } catch (RoutingJson.InvalidTableException e) {
                // A torn last line (crash mid-append) must not hide every other entry.
            }
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
