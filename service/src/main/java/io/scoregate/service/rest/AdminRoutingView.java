package io.scoregate.service.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.scoregate.service.routing.RoutingService;
import io.scoregate.service.routing.RoutingTable;
import io.scoregate.service.routing.StoreStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * GET /admin/routing: the table in the store (or, when the store cannot be read, the one applied here, and
 * when it is corrupted, with the highest revision the store shows evidence of: the one a repair names),
 * and what this instance applies, so a caller polling every instance can see a change propagate;
 * {@code pushSubscribed} says whether changes reach it by push now (else by the periodic re-read).
 */
// Serialized by Jackson.
@RegisterForReflection
public record AdminRoutingView(long revision, String stable, Optional<String> candidate, Map<String, Integer> weights,
                               Instant updatedAt, String updatedBy, String reason, long appliedRevision,
                               String instanceId, StoreStatus store, boolean pushSubscribed) {

    static AdminRoutingView of(RoutingTable table, RoutingService routing) {
        return of(new RoutingService.StoreView(table, table.revision()), routing);
    }

    static AdminRoutingView of(RoutingService.StoreView view, RoutingService routing) {
        RoutingTable table = view.table();
        return new AdminRoutingView(view.revision(), table.stable(), table.candidate(), table.weights(),
                table.updatedAt(), table.updatedBy(), table.reason(), routing.current().revision(),
                routing.instanceId(), routing.storeStatus(), routing.pushSubscribed());
    }
}
