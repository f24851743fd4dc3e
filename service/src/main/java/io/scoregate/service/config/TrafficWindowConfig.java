package io.scoregate.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The per-version sliding time window behind RecentTraffic (health checks and the rollback guard). */
@ConfigMapping(prefix = "scoregate.metrics.window")
public interface TrafficWindowConfig {

    /** {@code scoregate.metrics.window.length}: the longest window a caller may ask for. */
    @WithDefault("5m")
    Duration length();

    /** {@code scoregate.metrics.window.resolution}: bucket width; windows are whole buckets. */
    @WithDefault("1s")
    Duration resolution();
}
