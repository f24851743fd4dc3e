package io.scoregate.service.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 10, items 3 and 6, on the Redis store (real redis-server on 6399, own key prefix): whatever the
 * routing keys hold, a reachable Redis is CORRUPTED, not DOWN; the admin PUT and the guard's rollback repair
 * it; and the repair's revision is above every revision Redis shows evidence of.
 */
@QuarkusTest
@TestProfile(RedisCorruptionTest.RedisStore.class)
class RedisCorruptionTest {

    static final String PREFIX = "scoregate:test:corrupt:" + UUID.randomUUID();
    static final String TABLE = PREFIX + ":table";
    static final String REVISION = PREFIX + ":revision";
    private static final String TOKEN = "Bearer test-admin-token";

    public static class RedisStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scoregate.routing.store", "redis",
                    "quarkus.redis.hosts", RedisTestSupport.HOSTS,
                    "scoregate.routing.redis-key-prefix", PREFIX,
                    "scoregate.routing.refresh-interval", "1h",
                    "scoregate.instance-id", "redis-corruption-test");
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    RoutingService routing;

    @BeforeAll
    static void redisIsThere() {
        RedisTestSupport.requireRedis();
    }

    /** Ways the keys can go bad; each sets them with Lua, which can write any byte. */
    enum Corruption {
        INVALID_UTF8_BYTE("local t = redis.call('GET', KEYS[1]); redis.call('SET', KEYS[1], "
                + "(string.gsub(t, 'canary', '\\255anary', 1)))", 0),
        EMPTY_STRING("redis.call('SET', KEYS[1], '')", 0),
        TRUNCATED("local t = redis.call('GET', KEYS[1]); redis.call('SET', KEYS[1], string.sub(t, 1, 40))", 0),
        BINARY_GARBAGE("local s = '' for i = 1, 300 do s = s .. string.char((i * 37 + 11) % 256) end "
                + "redis.call('SET', KEYS[1], s)", 0),
        JSON_NULL("redis.call('SET', KEYS[1], 'null')", 0),
        JSON_ARRAY("redis.call('SET', KEYS[1], '[{\"revision\":1}]')", 0),
        TABLE_IS_A_HASH("redis.call('DEL', KEYS[1]); redis.call('HSET', KEYS[1], 'revision', '1')", 0),
        TABLE_DELETED("redis.call('DEL', KEYS[1])", 0),
        REVISION_NOT_A_NUMBER("redis.call('SET', KEYS[2], 'eight')", 0),
        REVISION_IS_A_LIST("redis.call('DEL', KEYS[2]); redis.call('RPUSH', KEYS[2], '8')", 0),
        REVISION_AHEAD_OF_THE_TABLE("redis.call('SET', KEYS[2], tostring(tonumber(redis.call('GET', KEYS[2])) + 40))",
                40);

        final String lua;
        final long floorAboveTable;

        Corruption(String lua, long floorAboveTable) {
            this.lua = lua;
            this.floorAboveTable = floorAboveTable;
        }
    }

    /** A healthy canary at the next revision, written through the API, as the fleet's state before it broke. */
    private long canaryThroughTheApi() {
        long rev = routing.storeView().revision();
        given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body("{\"stable\":\"v1.2\",\"candidate\":\"v1.3\",\"weights\":{\"v1.2\":75,\"v1.3\":25},"
                        + "\"expectedRevision\":" + rev + ",\"reason\":\"canary 25%\"}")
                .when().put("/admin/routing").then().statusCode(200);
        return rev + 1;
    }

    private void corrupt(Corruption c) {
        redis.execute("EVAL", c.lua, "2", TABLE, REVISION);
    }

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void shouldReportCorruptedAndAcceptTheRepairAboveEveryRevisionSeen(Corruption c) {
        long canary = canaryThroughTheApi();
        corrupt(c);
        long floor = canary + c.floorAboveTable;

        given().get("/admin/routing").then().statusCode(200)
                .body("store.state", equalTo("CORRUPTED"))
                .body("revision", equalTo((int) floor))
                .body("appliedRevision", equalTo((int) canary));

        given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body("{\"stable\":\"v1.2\",\"weights\":{\"v1.2\":100},\"expectedRevision\":" + floor
                        + ",\"reason\":\"repair " + c + "\"}")
                .when().put("/admin/routing")
                .then().statusCode(200)
                .body("revision", equalTo((int) floor + 1))
                .body("store.state", equalTo("UP"));
        assertThat(redis.execute("GET", REVISION).toLong()).isEqualTo(floor + 1);
        assertThat(redis.execute("GET", TABLE).toString()).contains("repair " + c);
        assertThat(redis.execute("LINDEX", PREFIX + ":audit", "0").toString()).contains("repair " + c);
    }

    @Test
    void shouldLetTheGuardRollBackOnACorruptedStoreAndStartARestartedInstanceOnTheLastAuditedTable() {
        long canary = canaryThroughTheApi();
        long keptBefore = redis.execute("KEYS", TABLE + ":corrupt-*").size();
        corrupt(Corruption.INVALID_UTF8_BYTE);

        // what an instance restarted now would know: the audit's newest table, at its revision
        StoreCorruption seen = FileRoutingStoreCorruptionTest.corruptionOf(
                new RedisRoutingStore(redis, PREFIX, Clock.systemUTC()));
        assertThat(seen.revisionFloor()).isEqualTo(canary);
        assertThat(seen.lastKnown().map(RoutingTable::weights)).contains(Map.of("v1.2", 75, "v1.3", 25));

        ChangeResult result = routing.rollbackCandidate("v1.3", "guard@redis-corruption-test",
                "automatic rollback (rule timeout_rate)");

        assertThat(result).isInstanceOfSatisfying(ChangeResult.Applied.class, applied -> {
            assertThat(applied.table().revision()).isEqualTo(canary + 1);
            assertThat(applied.table().weights()).isEqualTo(Map.of("v1.2", 100, "v1.3", 0));
        });
        assertThat(redis.execute("GET", REVISION).toLong()).isEqualTo(canary + 1);
        Response kept = redis.execute("KEYS", TABLE + ":corrupt-*");
        assertThat(kept.size()).as("the broken value is kept beside the table").isEqualTo(keptBefore + 1);
    }

    @Test
    void shouldNotLetARepairOverwriteWhatAnotherInstanceWroteMeanwhile() {
        canaryThroughTheApi();
        corrupt(Corruption.BINARY_GARBAGE);
        RedisRoutingStore store = new RedisRoutingStore(redis, PREFIX, Clock.systemUTC());
        StoreCorruption seen = FileRoutingStoreCorruptionTest.corruptionOf(store);
        corrupt(Corruption.TRUNCATED); // another writer changed the garbage since it was read

        RoutingTable repair = RoutingTable.initial("v1.2", java.time.Instant.now());
        RoutingTable next = new RoutingTable(seen.revisionFloor() + 1, repair.stable(), repair.candidate(),
                repair.weights(), repair.updatedAt(), "x", "late repair");
        RoutingStore.CasOutcome outcome = store.repair(seen, next,
                new RoutingAuditEntry(next.updatedAt(), "x", "x", java.util.Optional.empty(), next, "late repair"));

        assertThat(outcome.applied()).isFalse();
        // leave the store healthy for the other tests
        given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body("{\"stable\":\"v1.2\",\"weights\":{\"v1.2\":100},\"expectedRevision\":"
                        + routing.storeView().revision() + ",\"reason\":\"repair\"}")
                .when().put("/admin/routing").then().statusCode(200);
    }
}
