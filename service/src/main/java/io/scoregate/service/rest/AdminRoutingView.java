package io.scoregate.service.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.scoregate.service.routing.RoutingTable;
import io.scoregate.service.routing.StoreStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * GET /admin/routing: the table in the store (or, when the store cannot be read, the one applied here),
 * and what this instance applies, so a caller polling every instance can see a change propagate.
 */
// Serialized by Jackson.
@RegisterForReflection
public record AdminRoutingView(long revision, String stable, Optional<String> candidate, Map<String, Integer> weights,
                               Instant updatedAt, String updatedBy, String reason, long appliedRevision,
                               String instanceId, StoreStatus store) {

    static AdminRoutingView of(RoutingTable table, RoutingTable applied, String instanceId, StoreStatus store) {
        return new AdminRoutingView(table.revision(), table.stable(), table.candidate(), table.weights(),
                table.updatedAt(), table.updatedBy(), table.reason(), applied.revision(), instanceId, store);
    }
}
