package io.scoregate.service.routing;

import java.util.Optional;

/**
 * What a reachable store that holds no readable table still knows: enough to keep revisions monotonic and
 * to repair it.
 *
 * @param detail        what is wrong, for health and the admin API
 * @param revisionFloor the highest revision the store shows any evidence of (its audit, the unreadable
 *                      value's readable prefix, a revision kept beside the table, the last good read); the
 *                      repairing write must name it as the revision it builds on and gets the next one
 * @param lastKnown     the newest table the store's history shows in force (its newest audit entry), if any
 * @param fingerprint   identifies the unreadable content the caller saw, so a repair replaces exactly that
 *                      and not something another instance wrote meanwhile; opaque, a store may ignore it
 */
public record StoreCorruption(String detail, long revisionFloor, Optional<RoutingTable> lastKnown,
                              String fingerprint) {
}
