package io.scoregate.service.health;

import io.quarkus.runtime.StartupEvent;
import io.scoregate.service.config.VersionHealthConfig;
import io.scoregate.service.metrics.RecentTraffic;
import io.scoregate.service.model.ModelCatalog;
import io.scoregate.service.routing.TrafficRouter;
import io.smallrye.health.registry.HealthRegistries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Registers one {@link ModelVersionCheck} per model version (loaded or failed) in the health group
 * {@value #GROUP}. The group is separate from readiness on purpose: a DOWN candidate must not take the pod
 * out of the load balancer while the stable version serves.
 */
@ApplicationScoped
public class ModelVersionChecks {

    public static final String GROUP = "model-versions";

    void register(@Observes StartupEvent event, ModelCatalog catalog, TrafficRouter router, RecentTraffic traffic,
                  VersionHealthConfig config) {
        VersionHealthPolicy policy = VersionHealthPolicy.from(config);
        SortedSet<String> versions = new TreeSet<>(catalog.loadedVersions());
        versions.addAll(catalog.failedVersions().keySet());
        for (String version : versions) {
            HealthRegistries.getHealthGroupRegistry(GROUP).register("model-version-" + version,
                    new ModelVersionCheck(version, catalog, router, traffic, policy, config.window()));
        }
    }
}
