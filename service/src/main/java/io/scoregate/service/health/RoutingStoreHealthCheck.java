package io.scoregate.service.health;

import io.scoregate.service.routing.RoutingService;
import io.scoregate.service.routing.StoreStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The routing store, in readiness. Deliberately UP when the store is DOWN or CORRUPTED: this instance
 * keeps routing by the last table it applied, so taking it out of the load balancer would turn a store
 * outage into a scoring outage on every instance at once. The details say the store's state, since when,
 * and the last error, for dashboards and the rollback runbook.
 */
@Readiness
@ApplicationScoped
public class RoutingStoreHealthCheck implements HealthCheck {

    private final RoutingService routing;

    public RoutingStoreHealthCheck(RoutingService routing) {
        this.routing = routing;
    }

    @Override
    public HealthCheckResponse call() {
        StoreStatus status = routing.storeStatus();
        HealthCheckResponseBuilder out = HealthCheckResponse.named("routing-store").up()
                .withData("store", status.kind())
                .withData("storeState", status.state().name())
                .withData("since", status.since().toString())
                .withData("appliedRevision", routing.current().revision())
                .withData("instanceId", routing.instanceId());
        status.detail().ifPresent(d -> out.withData("lastError", d));
        status.lastSuccessAt().ifPresent(t -> out.withData("lastSuccessAt", t.toString()));
        return out.build();
    }
}
