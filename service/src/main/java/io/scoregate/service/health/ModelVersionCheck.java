package io.scoregate.service.health;

import io.scoregate.service.metrics.RecentTraffic;
import io.scoregate.service.metrics.VersionWindow;
import io.scoregate.service.model.ModelCatalog;
import io.scoregate.service.routing.TrafficRouter;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** The health of one model version: loaded, routing weight, and its recent latency and failure rates. */
final class ModelVersionCheck implements HealthCheck {

    private final String version;
    private final ModelCatalog catalog;
    private final TrafficRouter router;
    private final RecentTraffic traffic;
    private final VersionHealthPolicy policy;
    private final Duration window;

    ModelVersionCheck(String version, ModelCatalog catalog, TrafficRouter router, RecentTraffic traffic,
                      VersionHealthPolicy policy, Duration window) {
        this.version = version;
        this.catalog = catalog;
        this.router = router;
        this.traffic = traffic;
        this.policy = policy;
        this.window = window;
    }

    @Override
    public HealthCheckResponse call() {
        boolean loaded = catalog.loadedVersions().contains(version);
        VersionWindow w = traffic.recent(version, window);
        VersionVerdict verdict = policy.judge(loaded, catalog.failedVersions().getOrDefault(version, "unknown"), w);
        HealthCheckResponseBuilder b = HealthCheckResponse.named("model-version " + version)
                .status(verdict.up())
                .withData("loaded", loaded)
                .withData("weight", router.current().weightOf(version))
                .withData("window", window.toString())
                .withData("requests", w.requests())
                .withData("p95Ms", round(w.p95LatencyMs()))
                .withData("meanMs", round(w.meanLatencyMs()))
                .withData("timeoutRate", round(w.timeoutRate()))
                .withData("errorRate", round(w.errorRate()));
        if (!verdict.up()) {
            b.withData("reason", String.join("; ", verdict.reasons()));
        }
        return b.build();
    }

    /** Health data holds strings, longs and booleans only; decimals go as text. */
    private static String round(double v) {
        return Double.toString(Math.round(v * 1000.0) / 1000.0);
    }
}
