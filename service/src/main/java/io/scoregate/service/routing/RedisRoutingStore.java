package io.scoregate.service.routing;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalLong;
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
    /** How many of the newest audit entries a corrupted table's revision floor looks at. */
    private static final int AUDIT_FLOOR_ENTRIES = 20;

    /** What the compare-and-set reports when the revision key itself holds no number. */
    private static final long UNREADABLE = -1;

    // A key as the read and the repair both see it: its type, and its bytes when it is a string.
    private static final String RAW_FUNCTION = """
            local function raw(key)
              local t = redis.call('TYPE', key)['ok']
              if t == 'string' then return t .. ':' .. redis.call('GET', key) end
              return t .. ':'
            end
            """;

    // KEYS: table, revision. Both keys in one atomic look, whatever they hold (a wrong type is not an error).
    private static final String READ_SCRIPT = RAW_FUNCTION + """
            return {raw(KEYS[1]), raw(KEYS[2])}
            """;

    // KEYS: table, revision, audit; ARGV: expected revision, new table json, new revision, audit json, channel,
    // keep, fingerprint of the unreadable content being repaired ('' for a plain compare-and-set), millis.
    // A repair compares what it replaces byte for byte (by SHA-1), as no revision can be read from garbage.
    private static final String CAS_SCRIPT = RAW_FUNCTION + """
            local revType = redis.call('TYPE', KEYS[2])['ok']
            local current = 0
            if revType == 'string' then current = tonumber(redis.call('GET', KEYS[2])) or -1
            elseif revType ~= 'none' then current = -1 end
            if ARGV[7] == '' then
              if current ~= tonumber(ARGV[1]) then return {0, current} end
            else
              if redis.sha1hex(raw(KEYS[1]) .. '\\n' .. raw(KEYS[2])) ~= ARGV[7] then return {0, current} end
              if redis.call('EXISTS', KEYS[1]) == 1 then
                redis.call('RENAME', KEYS[1], KEYS[1] .. ':corrupt-' .. ARGV[8])
              end
            end
            local auditType = redis.call('TYPE', KEYS[3])['ok']
            if auditType ~= 'list' and auditType ~= 'none' then
              redis.call('RENAME', KEYS[3], KEYS[3] .. ':corrupt-' .. ARGV[8])
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

    private final Clock clock;

    public RedisRoutingStore(RedisDataSource redis, String keyPrefix, Clock clock) {
        this.redis = redis;
        this.clock = clock;
        this.tableKey = keyPrefix + ":table";
        this.revisionKey = keyPrefix + ":revision";
        this.auditKey = keyPrefix + ":audit";
        this.channel = keyPrefix + ":changes";
    }

    @Override
    public String kind() {
        return "redis";
    }

    /**
     * The table, or CORRUPTED for anything else a reachable Redis holds: a value that is not a table (invalid
     * UTF-8, empty, truncated, binary, JSON of another shape), a key of another type, a revision key that is
     * no number or disagrees with the table, or a revision key without its table. DOWN only when Redis does
     * not answer.
     */
    @Override
    public Optional<RoutingTable> read() {
        Response r = call(() -> redis.execute("EVAL", READ_SCRIPT, "2", tableKey, revisionKey),
                "read the routing table");
        RawKey tableRaw = RawKey.of(r.get(0).toBytes());
        RawKey revisionRaw = RawKey.of(r.get(1).toBytes());
        if (tableRaw.type().equals("none") && revisionRaw.type().equals("none")) {
            return Optional.empty();
        }
        String problem;
        try {
            if (!tableRaw.type().equals("string")) {
                throw new RoutingJson.InvalidTableException(tableRaw.type().equals("none")
                        ? "missing while " + revisionKey + " is set" : "a " + tableRaw.type() + ", not a string");
            }
            RoutingTable t = RoutingJson.readTable(tableRaw.value());
            OptionalLong rev = revisionRaw.number();
            if (rev.isEmpty() || rev.getAsLong() != t.revision()) {
                throw new RoutingJson.InvalidTableException(revisionKey + " holds " + revisionRaw.describe()
                        + " but the table is at revision " + t.revision());
            }
            return Optional.of(t);
        } catch (RoutingJson.InvalidTableException e) {
            problem = e.getMessage();
        }
        long floor = Math.max(RoutingJson.highestRevisionMentioned(tableRaw.value()),
                revisionRaw.number().orElse(NO_TABLE));
        Optional<RoutingTable> lastKnown = Optional.empty();
        for (RoutingAuditEntry e : auditHead()) {
            floor = Math.max(floor, e.to().revision());
            if (lastKnown.isEmpty() || e.to().revision() > lastKnown.get().revision()) {
                lastKnown = Optional.of(e.to());
            }
        }
        throw new RoutingStoreException(new StoreCorruption("redis key " + tableKey + " is corrupted (" + problem
                + ")", floor, lastKnown, fingerprint(tableRaw, revisionRaw)));
    }

    /** The newest audit entries, for the floor of a corrupted store; an unreadable audit adds nothing. */
    private List<RoutingAuditEntry> auditHead() {
        try {
            return recentAudit(AUDIT_FLOOR_ENTRIES);
        } catch (RoutingStoreException e) {
            LOG.debugf("audit unreadable while reading a corrupted table: %s", e.getMessage());
            return List.of();
        }
    }

    /** The same bytes the script hashes: raw(table) .. '\n' .. raw(revision). */
    private static String fingerprint(RawKey table, RawKey revision) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(table.raw());
            sha1.update((byte) '\n');
            sha1.update(revision.raw());
            return HexFormat.of().formatHex(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    /** A key as the read script returns it: {@code type:bytes}. */
    private record RawKey(byte[] raw, String type, byte[] value) {

        static RawKey of(byte[] raw) {
            int colon = 0;
            while (colon < raw.length && raw[colon] != ':') {
                colon++;
            }
            return new RawKey(raw, new String(raw, 0, colon, StandardCharsets.US_ASCII),
                    Arrays.copyOfRange(raw, Math.min(colon + 1, raw.length), raw.length));
        }

        OptionalLong number() {
            if (!type.equals("string")) {
                return OptionalLong.empty();
            }
            try {
                return OptionalLong.of(Long.parseLong(new String(value, StandardCharsets.US_ASCII).trim()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }

        String describe() {
            if (!type.equals("string")) {
                return "a " + type;
            }
            return value.length > 40 ? value.length + " bytes" : "\"" + new String(value, StandardCharsets.UTF_8)
                    + "\"";
        }
    }

    @Override
    public CasOutcome compareAndSet(long expectedRevision, RoutingTable next, RoutingAuditEntry audit) {
        return cas(expectedRevision, next, audit, "");
    }

    /** Replaces exactly the unreadable keys {@code seen} describes (their SHA-1), atomically. */
    @Override
    public CasOutcome repair(StoreCorruption seen, RoutingTable next, RoutingAuditEntry audit) {
        return cas(seen.revisionFloor(), next, audit, seen.fingerprint());
    }

    private CasOutcome cas(long expectedRevision, RoutingTable next, RoutingAuditEntry audit, String fingerprint) {
        Response r = call(() -> redis.execute("EVAL", CAS_SCRIPT, "3", tableKey, revisionKey, auditKey,
                Long.toString(expectedRevision), RoutingJson.write(next), Long.toString(next.revision()),
                RoutingJson.write(audit), channel, Integer.toString(AUDIT_KEEP), fingerprint,
                Long.toString(clock.millis())), "write the routing table");
        boolean applied = r.get(0).toLong() == 1;
        long storeRevision = r.get(1).toLong();
        if (!applied && storeRevision == UNREADABLE) {
            // The table went bad between the caller's read and this write: report the floor to build on.
            try {
                storeRevision = read().map(RoutingTable::revision).orElse(NO_TABLE);
            } catch (RoutingStoreException e) {
                storeRevision = e.corruption().map(StoreCorruption::revisionFloor).orElseThrow(() -> e);
            }
        }
        return new CasOutcome(applied, storeRevision);
    }

    @Override
    public List<RoutingAuditEntry> recentAudit(int limit) {
        Response r = call(() -> redis.execute("LRANGE", auditKey, "0", Integer.toString(Math.max(0, limit - 1))),
                "read the routing audit");
        List<RoutingAuditEntry> out = new ArrayList<>();
        if (r != null) {
            for (Response item : r) {
                try {
                    out.add(RoutingJson.readAudit(new String(item.toBytes(), StandardCharsets.UTF_8)));
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
