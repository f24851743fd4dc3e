package io.scoregate.service.routing;

import java.util.Map;
import java.util.Optional;

/**
 * A requested change of the routing table, already checked for shape at the edge.
 *
 * @param expectedRevision the revision the caller saw; the change is refused if the store moved on
 * @param actor            who asks (recorded as updatedBy and in the audit)
 */
public record RoutingChange(String stable, Optional<String> candidate, Map<String, Integer> weights,
                            long expectedRevision, String reason, String actor) {

    public RoutingChange {
        weights = Map.copyOf(weights);
    }
}
