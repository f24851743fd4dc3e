package io.scoregate.service.routing;

import io.quarkus.redis.datasource.RedisDataSource;
import io.scoregate.service.config.DataDir;
import io.scoregate.service.config.RoutingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one place that knows which store backs routing. The Redis data source is looked up only when
 * {@code scoregate.routing.store=redis}, so a file-store instance never creates a Redis client.
 */
@ApplicationScoped
public class RoutingStoreProducer {

    @Produces
    @Singleton
    RoutingStore routingStore(RoutingConfig config, DataDir dataDir, Clock clock, Instance<RedisDataSource> redis) {
        return switch (config.store()) {
            case FILE -> new FileRoutingStore(dataDir.path(), clock);
            case REDIS -> new RedisRoutingStore(redis.get(), config.redisKeyPrefix(), clock);
        };
    }

    void close(@Disposes RoutingStore store) {
        store.close();
    }
}
