package io.scoregate.service.routing;

/** The routing store could not be read or written. The reason says which, for health and the 503 problem. */
public class RoutingStoreException extends RuntimeException {

    private final StoreState state;

    public RoutingStoreException(StoreState state, String message, Throwable cause) {
        super(message, cause);
        this.state = state;
    }

    public RoutingStoreException(StoreState state, String message) {
        super(message);
        this.state = state;
    }

    /** DOWN (unreachable) or CORRUPTED (reachable but unreadable). */
    public StoreState state() {
        return state;
    }
}
