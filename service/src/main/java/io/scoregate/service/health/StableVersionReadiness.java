package io.scoregate.service.health;

import io.scoregate.service.model.ModelCatalog;
import io.scoregate.service.routing.RoutingTable;
import io.scoregate.service.routing.TrafficRouter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the routing table's stable version is loaded here. Only the stable version counts: a broken or
 * slow candidate shows in the model-versions group, and the guard moves traffic off it.
 */
@Readiness
@ApplicationScoped
public class StableVersionReadiness implements HealthCheck {

    private final ModelCatalog catalog;
    private final TrafficRouter router;

    public StableVersionReadiness(ModelCatalog catalog, TrafficRouter router) {
        this.catalog = catalog;
        this.router = router;
    }

    @Override
    public HealthCheckResponse call() {
        RoutingTable table = router.current();
        boolean loaded = catalog.loadedVersions().contains(table.stable());
        return HealthCheckResponse.named("stable-model-version")
                .status(loaded)
                .withData("stable", table.stable())
                .withData("loaded", String.join(",", catalog.loadedVersions()))
                .withData("failed", String.join(",", catalog.failedVersions().keySet()))
                .build();
    }
}
