package io.scoregate.service.routing;

/** What became of a routing change. */
public sealed interface ChangeResult {

    /** In the store, and applied on this instance. */
    record Applied(RoutingTable table) implements ChangeResult {
    }

    /** The store is at another revision than the caller expected; nothing changed. */
    record Conflict(long expectedRevision, long storeRevision) implements ChangeResult {
    }

    /** The store could not be reached or written; nothing changed. */
    record StoreUnavailable(String detail) implements ChangeResult {
    }

    /** The table already says what was asked (rollback only); nothing to write. */
    record Unchanged(RoutingTable table) implements ChangeResult {
    }
}
