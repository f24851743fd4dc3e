package io.scoregate.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.scoregate.service.model.ModelCatalog;
import io.scoregate.service.routing.RoutingApplied;
import io.scoregate.service.routing.TrafficRouter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routing metrics: {@code scoregate_routing_weight{model_version}} for every loaded or routed version,
 * {@code scoregate_routing_revision} (the revision this instance applies, so propagation can be checked
 * per instance) and {@code scoregate_rollbacks_total{model_version,rule}}. Gauges read the applied table
 * when scraped, so they can never disagree with what the router does.
 */
@ApplicationScoped
public class RoutingMetrics {

    public static final String WEIGHT = "scoregate_routing_weight";
    public static final String REVISION = "scoregate_routing_revision";
    public static final String ROLLBACKS = "scoregate_rollbacks";

    private final MeterRegistry registry;
    private final TrafficRouter router;
    private final Set<String> versionsWithGauge = ConcurrentHashMap.newKeySet();

    public RoutingMetrics(MeterRegistry registry, TrafficRouter router, ModelCatalog catalog) {
        this.registry = registry;
        this.router = router;
        Gauge.builder(REVISION, router, r -> r.current().revision())
                .description("Routing table revision this instance applies")
                .register(registry);
        catalog.loadedVersions().forEach(this::ensureWeightGauge);
    }

    void onApplied(@Observes RoutingApplied event) {
        ensureWeightGauge(event.table().stable());
        event.table().candidate().ifPresent(this::ensureWeightGauge);
    }

    /** Counts one automatic rollback of {@code version} by {@code rule}. */
    public void rollback(String version, String rule) {
        Counter.builder(ROLLBACKS)
                .description("Automatic rollbacks of a candidate by the guard, by rule")
                .tag("model_version", version)
                .tag("rule", rule)
                .register(registry)
                .increment();
    }

    private void ensureWeightGauge(String version) {
        if (versionsWithGauge.add(version)) {
            Gauge.builder(WEIGHT, router, r -> r.current().weightOf(version))
                    .description("Percentage of unpinned traffic routed to the version")
                    .tag("model_version", version)
                    .register(registry);
        }
    }
}
