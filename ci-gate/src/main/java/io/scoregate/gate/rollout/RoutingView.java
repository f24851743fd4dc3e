package io.scoregate.gate.rollout;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * What one instance's {@code GET /admin/routing} says: the table in the store and the revision this instance
 * applies. Propagation is complete when every instance's {@code appliedRevision} reaches the store's.
 */
public record RoutingView(URI target, long revision, String stable, Optional<String> candidate,
                          Map<String, Integer> weights, long appliedRevision, String instanceId) {

    public RoutingView {
        weights = Map.copyOf(weights);
    }

    public int weightOf(String version) {
        return weights.getOrDefault(version, 0);
    }
}
