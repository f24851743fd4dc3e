package io.scoregate.service.routing;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The routing table in force: which version is stable, which (if any) is the candidate, and the integer
 * weights (summing to 100) by which unpinned requests are split between them.
 *
 * @param revision  monotonically increasing; every accepted change adds one
 * @param stable    the version that takes whatever the candidate does not
 * @param candidate the version being rolled out, if any
 * @param weights   version to weight in percent; sums to 100; every weight is 0..100
 * @param updatedAt when the change that produced this revision was accepted
 * @param updatedBy who made it (token subject, instance id of a guard, or "bootstrap")
 * @param reason    the reason given with the change
 */
public record RoutingTable(long revision, String stable, Optional<String> candidate, Map<String, Integer> weights,
                           Instant updatedAt, String updatedBy, String reason) {

    public RoutingTable {
        weights = Map.copyOf(weights);
    }

    /** The weight of a version, 0 when the table does not name it. */
    public int weightOf(String version) {
        return weights.getOrDefault(version, 0);
    }
}
