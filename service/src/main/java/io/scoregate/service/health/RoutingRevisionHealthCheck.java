package io.scoregate.service.health;

import io.scoregate.service.routing.RoutingService;
import io.scoregate.service.routing.RoutingTable;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The routing revision this instance applies, in the {@code model-versions} group beside the per-version
 * checks, so one call per instance shows whether a change has propagated. Always UP: a lagging revision is
 * information for the caller comparing instances, not a reason to stop serving.
 */
@HealthGroup("model-versions")
@ApplicationScoped
public class RoutingRevisionHealthCheck implements HealthCheck {

    private final RoutingService routing;

    public RoutingRevisionHealthCheck(RoutingService routing) {
        this.routing = routing;
    }

    @Override
    public HealthCheckResponse call() {
        RoutingTable table = routing.current();
        var out = HealthCheckResponse.named("routing").up()
                .withData("appliedRevision", table.revision())
                .withData("stable", table.stable())
                .withData("instanceId", routing.instanceId())
                .withData("storeState", routing.storeStatus().state().name());
        table.candidate().ifPresent(c -> out.withData("candidate", c));
        table.weights().forEach((v, w) -> out.withData("weight." + v, w));
        return out.build();
    }
}
