package io.scoregate.gate.rollout;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * What one instance's {@code GET /admin/routing} says: the table in the store and the revision this instance
 * applies. Propagation is complete when every instance's {@code appliedRevision} reaches the store's.
 */
public record RoutingView(URI target, long revision, String stable, Optional<String> candidate,
                          Map<String, Integer> weights, long appliedRevision, String instanceId, String updatedBy,
                          String reason) {

    public RoutingView {
        weights = Map.copyOf(weights);
    }

    /** Who made the change that produced this revision, and why, as the table records it. */
    public String lastChange() {
        return "revision " + revision + " by " + (updatedBy.isEmpty() ? "unknown" : updatedBy)
                + (reason.isEmpty() ? "" : ": " + reason);
    }

    public int weightOf(String version) {
        return weights.getOrDefault(version, 0);
    }
}
