package io.scoregate.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.scoregate.service.model.ModelCatalog;
import io.scoregate.service.rollout.RollbackRule;
import io.scoregate.service.routing.RoutingApplied;
import io.scoregate.service.routing.RoutingService;
import io.scoregate.service.routing.StoreState;
import io.scoregate.service.routing.TrafficRouter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routing metrics: {@code scoregate_routing_weight{model_version}} and {@code
 * scoregate_routing_role{model_version,role}} (1 for the version's role in the table, 0 for the other roles)
 * for every loaded or routed version,
 * {@code scoregate_routing_revision} (the revision this instance applies, so propagation can be checked
 * per instance), {@code scoregate_routing_store_state{state}} (1 for the store's current state, 0 for the
 * others) and {@code scoregate_rollbacks_total{model_version,rule}}. Gauges read the applied table and the
 * store status when scraped, so they can never disagree with what the router and the health check say.
 */
@ApplicationScoped
public class RoutingMetrics {

    public static final String WEIGHT = "scoregate_routing_weight";
    public static final String REVISION = "scoregate_routing_revision";
    public static final String ROLLBACKS = "scoregate_rollbacks";
    public static final String ROLE = "scoregate_routing_role";
    public static final String STORE_STATE = "scoregate_routing_store_state";

    private final MeterRegistry registry;
    private final TrafficRouter router;
    private final Set<String> versionsWithGauge = ConcurrentHashMap.newKeySet();

    public RoutingMetrics(MeterRegistry registry, TrafficRouter router, RoutingService routing,
                          ModelCatalog catalog) {
        this.registry = registry;
        this.router = router;
        Gauge.builder(REVISION, router, r -> r.current().revision())
                .description("Routing table revision this instance applies")
                .register(registry);
        // One series per state (a Prometheus state set), so an alert matches state!="UP" and a dashboard
        // shows which of DOWN and CORRUPTED it is.
        for (StoreState state : StoreState.values()) {
            Gauge.builder(STORE_STATE, routing, r -> r.storeStatus().state() == state ? 1 : 0)
                    .description("1 for the routing store's state at its last use by this instance, 0 otherwise")
                    .tag("state", state.name())
                    .register(registry);
        }
        catalog.loadedVersions().forEach(this::ensureWeightGauge);
        // Every rollback series exists at 0 from the start: Prometheus' increase() cannot see a counter's
        // first increment when the series is born with it, and the rollback alert is built on increase().
        for (String version : catalog.loadedVersions()) {
            for (RollbackRule rule : RollbackRule.values()) {
                rollbackCounter(version, rule.label());
            }
        }
    }

    void onApplied(@Observes RoutingApplied event) {
        ensureWeightGauge(event.table().stable());
        event.table().candidate().ifPresent(this::ensureWeightGauge);
    }

    /** Counts one automatic rollback of {@code version} by {@code rule}. */
    public void rollback(String version, String rule) {
        rollbackCounter(version, rule).increment();
    }

    private Counter rollbackCounter(String version, String rule) {
        return Counter.builder(ROLLBACKS)
                .description("Automatic rollbacks of a candidate by the guard, by rule")
                .tag("model_version", version)
                .tag("rule", rule)
                .register(registry);
    }

    private void ensureWeightGauge(String version) {
        if (versionsWithGauge.add(version)) {
            Gauge.builder(WEIGHT, router, r -> r.current().weightOf(version))
                    .description("Percentage of unpinned traffic routed to the version")
                    .tag("model_version", version)
                    .register(registry);
            for (RoutingRole role : RoutingRole.values()) {
                Gauge.builder(ROLE, router, r -> RoutingRole.of(r.current(), version) == role ? 1 : 0)
                        .description("1 for the version's role in the routing table this instance applies")
                        .tag("model_version", version)
                        .tag("role", role.tag())
                        .register(registry);
            }
        }
    }
}
