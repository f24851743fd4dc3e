package io.scoregate.service.routing;

/** How the routing store looked at the last attempt to use it. */
public enum StoreState {
    /** Read or written successfully. */
    UP,
    /** Unreachable (Redis down, data directory unwritable): serving continues on the last applied table. */
    DOWN,
    /** Reachable, but holds something that is not a valid table: the last good table stays in force. */
    CORRUPTED
}
