package io.scoregate.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the routing table lives and how instances keep up with it. */
@ConfigMapping(prefix = "scoregate.routing")
public interface RoutingConfig {

    /** {@code scoregate.routing.store}: {@code file} (one machine or a shared volume) or {@code redis} (a fleet). */
    @WithDefault("file")
    StoreKind store();

    /** {@code scoregate.routing.initial-stable}: the version the first table puts 100% on. */
    @WithDefault("v1.2")
    String initialStable();

    /** {@code scoregate.routing.refresh-interval}: the periodic re-read, the safety net behind pub/sub. */
    @WithDefault("5s")
    Duration refreshInterval();

    /** {@code scoregate.routing.redis-key-prefix}: keys and channel names in Redis start with this. */
    @WithDefault("scoregate:routing")
    String redisKeyPrefix();

    /** {@code scoregate.routing.audit-limit}: the most audit entries GET /admin/routing/audit returns. */
    @WithDefault("100")
    int auditLimit();

    enum StoreKind {
        FILE, REDIS
    }
}
