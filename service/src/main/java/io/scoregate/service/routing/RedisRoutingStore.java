package io.scoregate.service.routing;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The routing table of a fleet in Redis: {@code <prefix>:table} (the table as JSON),
 * {@code <prefix>:revision} (its revision, so the compare needs no JSON parsing in Lua),
 * {@code <prefix>:audit} (a list, newest first, trimmed to the last 1000 entries) and the pub/sub channel
 * {@code <prefix>:changes}.
 *
 * <p>Compare-and-set is one Lua script: Redis runs it atomically, so the check, the write, the audit entry
 * and the publish happen together or not at all, and the caller hears "applied" only after Redis has them.
 *
 * <p>The subscription is not trusted to survive a Redis restart: when its connection ends it is marked
 * dead, and {@link #subscribe} is simply called again by the service's periodic re-read once Redis answers.
 */
public final class RedisRoutingStore implements RoutingStore {

    private static final Logger LOG = Logger.getLogger(RedisRoutingStore.class);
    static final int AUDIT_KEEP = 1000;

    // KEYS: table, revision, audit; ARGV: expected revision, new table json, new revision, audit json, channel, keep
    private static final String CAS_SCRIPT = """
            local current = tonumber(redis.call('GET', KEYS[2]) or '0')
            if current ~= tonumber(ARGV[1]) then
              return {0, current}
            end
            redis.call('SET', KEYS[1], ARGV[2])
            redis.call('SET', KEYS[2], ARGV[3])
            redis.call('LPUSH', KEYS[3], ARGV[4])
            redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[6]) - 1)
            redis.call('PUBLISH', ARGV[5], ARGV[2])
            return {1, tonumber(ARGV[3])}
            """;

    private final RedisDataSource redis;
    private final String tableKey;
    private final String revisionKey;
    private final String auditKey;
    private final String channel;
    private volatile PubSubCommands.RedisSubscriber subscriber;
    private volatile boolean subscriptionAlive;
    private volatile long subscriptionGeneration;

    public RedisRoutingStore(RedisDataSource redis, String keyPrefix) {
        this.redis = redis;
        this.tableKey = keyPrefix + ":table";
        this.revisionKey = keyPrefix + ":revision";
        this.auditKey = keyPrefix + ":audit";
        this.channel = keyPrefix + ":changes";
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public Optional<RoutingTable> read() {
        Response r = call(() -> redis.execute("GET", tableKey), "read the routing table");
        if (r == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(RoutingJson.readTable(r.toString()));
        } catch (RoutingJson.InvalidTableException e) {
            throw new RoutingStoreException(StoreState.CORRUPTED, "redis key " + tableKey + " is corrupted ("
                    + e.getMessage() + ")");
        }
    }

    @Override
    public CasOutcome compareAndSet(long expectedRevision, RoutingTable next, RoutingAuditEntry audit) {
        Response r = call(() -> redis.execute("EVAL", CAS_SCRIPT, "3", tableKey, revisionKey, auditKey,
                Long.toString(expectedRevision), RoutingJson.write(next), Long.toString(next.revision()),
                RoutingJson.write(audit), channel, Integer.toString(AUDIT_KEEP)), "write the routing table");
        return new CasOutcome(r.get(0).toLong() == 1, r.get(1).toLong());
    }

    @Override
    public List<RoutingAuditEntry> recentAudit(int limit) {
        Response r = call(() -> redis.execute("LRANGE", auditKey, "0", Integer.toString(Math.max(0, limit - 1))),
                "read the routing audit");
        List<RoutingAuditEntry> out = new ArrayList<>();
        if (r != null) {
            for (Response item : r) {
                try {
                    out.add(RoutingJson.readAudit(item.toString()));
                } catch (RoutingJson.InvalidTableException e) {
                    LOG.warnf("skipping unreadable audit entry in %s: %s", auditKey, e.getMessage());
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Whether the push channel is known to be connected; false after Redis dropped it. */
    @Override
    public boolean pushConnected() {
        return subscriptionAlive;
    }

    @Override
    public synchronized void subscribe(Consumer<RoutingTable> listener) {
        if (subscriptionAlive) {
            return;
        }
        unsubscribeQuietly();
        // The old subscription's end callback may fire after this one starts; only its own generation counts.
        long generation = ++subscriptionGeneration;
        PubSubCommands<String> pubsub = redis.pubsub(String.class);
        subscriber = call(() -> pubsub.subscribe(channel, json -> {
            try {
                listener.accept(RoutingJson.readTable(json));
            } catch (RoutingJson.InvalidTableException e) {
                LOG.warnf("ignoring unreadable routing push on %s: %s", channel, e.getMessage());
            }
        }, () -> markDead(generation, "ended"), failure -> markDead(generation, String.valueOf(failure))),
                "subscribe to " + channel);
        subscriptionAlive = true;
    }

    @Override
    public synchronized void resubscribe(Consumer<RoutingTable> listener) {
        subscriptionAlive = false;
        subscribe(listener);
    }

    private void markDead(long generation, String why) { // event loop: must not take the monitor
        if (generation != subscriptionGeneration) {
            return;
        }
        if (subscriptionAlive) {
            LOG.warnf("routing push channel %s lost (%s); the periodic re-read covers until it is back", channel, why);
        }
        subscriptionAlive = false;
    }

    private void unsubscribeQuietly() {
        PubSubCommands.RedisSubscriber old = subscriber;
        subscriber = null;
        if (old != null) {
            try {
                old.unsubscribe();
            } catch (RuntimeException e) {
                LOG.debugf("old routing subscription did not unsubscribe cleanly: %s", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        subscriptionAlive = false;
        unsubscribeQuietly();
    }

    private static <T> T call(java.util.function.Supplier<T> command, String what) {
        try {
            return command.get();
        } catch (RuntimeException e) {
            throw new RoutingStoreException(StoreState.DOWN, "redis unavailable: cannot " + what + " (" + e + ")", e);
        }
    }
}
