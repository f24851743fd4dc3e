package io.scoregate.service.routing;

import java.util.Optional;

/** The routing store could not be read or written. The reason says which, for health and the 503 problem. */
public class RoutingStoreException extends RuntimeException {

    private final StoreState state;
    private final transient Optional<StoreCorruption> corruption;

    public RoutingStoreException(StoreState state, String message, Throwable cause) {
        super(message, cause);
        this.state = state;
        this.corruption = Optional.empty();
    }

    public RoutingStoreException(StoreState state, String message) {
        super(message);
        this.state = state;
        this.corruption = Optional.empty();
    }

    /** The store is reachable but its table is unreadable: CORRUPTED, and repairable with what it knows. */
    public RoutingStoreException(StoreCorruption corruption) {
        super(corruption.detail());
        this.state = StoreState.CORRUPTED;
        this.corruption = Optional.of(corruption);
    }

    /** DOWN (unreachable) or CORRUPTED (reachable but unreadable). */
    public StoreState state() {
        return state;
    }

    /** For CORRUPTED raised by a store: what a repair builds on; empty for DOWN. */
    public Optional<StoreCorruption> corruption() {
        return corruption;
    }
}
