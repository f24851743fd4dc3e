package io.scoregate.service.routing;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the routing table of every instance lives. One implementation per backend (file, Redis); the rest of
 * the service only knows this interface. Every method may throw {@link RoutingStoreException} when the
 * backend cannot be read or written; none of them swallow that, so the caller decides what to keep serving.
 */
public interface RoutingStore extends AutoCloseable {

    /** Revision to pass to {@link #compareAndSet} when the store holds no table yet. */
    long NO_TABLE = 0;

    /** "file" or "redis", for health and the admin API. */
    String kind();

    /** The table in the store; empty when none was ever written (or the backend lost it). */
    Optional<RoutingTable> read();

    /**
     * Installs {@code next} and appends {@code audit} atomically, only if the store's revision is still
     * {@code expectedRevision}. Returns once the change is durable in the store.
     */
    CasOutcome compareAndSet(long expectedRevision, RoutingTable next, RoutingAuditEntry audit);

    /**
     * Replaces a table that {@link #read} reported CORRUPTED with {@code next}, only if the store still holds
     * what {@code seen} describes (else the outcome is not applied and names the store's revision, or the
     * floor of whatever unreadable content it holds now). {@code next.revision()} is
     * {@code seen.revisionFloor() + 1}, so revisions never go back across corruption.
     */
    default CasOutcome repair(StoreCorruption seen, RoutingTable next, RoutingAuditEntry audit) {
        return compareAndSet(seen.revisionFloor(), next, audit);
    }

    /**
     * Tidies what a writer killed mid-write left behind (temporary files, a change without its audit line);
     * called once at start-up. Backends whose writes are atomic have nothing to do.
     */
    default void recover() {
    }

    /** The newest audit entries first, at most {@code limit}. */
    List<RoutingAuditEntry> recentAudit(int limit);

    /**
     * Asks to be told of tables written by other instances as soon as the backend can push them.
     * Backends without push (the file) do nothing; the periodic re-read covers them.
     */
    void subscribe(Consumer<RoutingTable> listener);

    /**
     * Drops any push connection and subscribes afresh; called when the store comes back after an outage,
     * because a subscription is not trusted to have survived it.
     */
    default void resubscribe(Consumer<RoutingTable> listener) {
        subscribe(listener);
    }

    /** Whether pushed changes can arrive now; the file store never pushes. */
    default boolean pushConnected() {
        return false;
    }

    @Override
    void close();

    /** Result of a compare-and-set: applied, or the revision that was in the store instead. */
    record CasOutcome(boolean applied, long storeRevision) {
    }
}
