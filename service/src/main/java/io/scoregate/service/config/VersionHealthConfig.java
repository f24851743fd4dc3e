package io.scoregate.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits for the per-version health checks (group {@code model-versions}). */
@ConfigMapping(prefix = "scoregate.health.model-versions")
public interface VersionHealthConfig {

    /** {@code window}: how much recent traffic each check looks at. */
    @WithDefault("60s")
    Duration window();

    /** {@code min-requests}: below this many requests in the window, latency and rates are not judged. */
    @WithDefault("20")
    long minRequests();

    /** {@code max-p95}: DOWN when the window's p95 latency is above this. */
    @WithDefault("300ms")
    Duration maxP95();

    /** {@code max-timeout-rate}: DOWN when the share of TIMEOUT is above this. */
    @WithDefault("0.05")
    double maxTimeoutRate();

    /** {@code max-error-rate}: DOWN when the share of ERROR is above this. */
    @WithDefault("0.02")
    double maxErrorRate();
}
