package io.scoregate.service.routing;

import io.quarkus.runtime.annotations.RegisterForReflection;
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
// Serialized by Jackson into routing.json, Redis and the admin API.
@RegisterForReflection
public record RoutingTable(long revision, String stable, Optional<String> candidate, Map<String, Integer> weights,
                           Instant updatedAt, String updatedBy, String reason) {

    public RoutingTable {
        weights = Map.copyOf(weights);
    }

    /** The table a fresh installation starts with: everything on the stable version. */
    public static RoutingTable initial(String stable, Instant at) {
        return new RoutingTable(1, stable, Optional.empty(), Map.of(stable, 100), at, "bootstrap",
                "initial table: 100% on " + stable);
    }

    /** The weight of a version, 0 when the table does not name it. */
    public int weightOf(String version) {
        return weights.getOrDefault(version, 0);
    }

    /** The candidate, only while it takes traffic. */
    public Optional<String> liveCandidate() {
        return candidate.filter(c -> weightOf(c) > 0);
    }

    /** One line for logs and audit: "rev 7: v1.2=95 v1.3=5". */
    public String summary() {
        StringBuilder out = new StringBuilder("rev ").append(revision).append(": ").append(stable).append('=')
                .append(weightOf(stable));
        candidate.ifPresent(c -> out.append(' ').append(c).append('=').append(weightOf(c)));
        return out.toString();
    }
}
