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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service on the Redis store against a real redis-server. The periodic re-read is set to an hour, so
 * a change made behind the service's back can only arrive by pub/sub.
 */
@QuarkusTest
@TestProfile(RedisRoutingStoreTest.RedisStore.class)
class RedisRoutingStoreTest {

    static final String PREFIX = "scoregate:test:" + UUID.randomUUID();

    public static class RedisStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scoregate.routing.store", "redis",
                    "quarkus.redis.hosts", RedisTestSupport.HOSTS,
                    "scoregate.routing.redis-key-prefix", PREFIX,
                    "scoregate.routing.refresh-interval", "1h",
                    "scoregate.instance-id", "redis-test-instance");
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

    private long revisionInRedis() {
        Response r = redis.execute("GET", PREFIX + ":revision");
        return r == null ? 0 : r.toLong();
    }

    @Test
    void shouldSeedRedisAndServeFromIt() {
        given().get("/admin/routing").then().statusCode(200)
                .body("store.kind", equalTo("redis"))
                .body("store.state", equalTo("UP"))
                .body("instanceId", equalTo("redis-test-instance"));
        assertThat(revisionInRedis()).isGreaterThanOrEqualTo(1);
        assertThat(redis.execute("GET", PREFIX + ":table").toString()).contains("\"stable\":\"v1.2\"");
    }

    @Test
    void shouldWriteTheChangeAndItsAuditToRedisBeforeAnswering() {
        long before = revisionInRedis();
        long auditBefore = redis.execute("LLEN", PREFIX + ":audit").toLong();
        given().header("Authorization", "Bearer test-admin-token").contentType(ContentType.JSON)
                .body("{\"stable\":\"v1.2\",\"candidate\":\"v1.3\",\"weights\":{\"v1.2\":95,\"v1.3\":5},"
                        + "\"expectedRevision\":" + before + ",\"reason\":\"canary via redis\"}")
                .when().put("/admin/routing")
                .then().statusCode(200).body("revision", equalTo((int) before + 1));

        assertThat(revisionInRedis()).isEqualTo(before + 1);
        assertThat(redis.execute("LLEN", PREFIX + ":audit").toLong()).isEqualTo(auditBefore + 1);
        assertThat(redis.execute("LINDEX", PREFIX + ":audit", "0").toString())
                .contains("canary via redis").contains("redis-test-instance");
        given().get("/admin/routing/audit?limit=1").then().statusCode(200)
                .body("store", equalTo("redis"))
                .body("entries[0].reason", equalTo("canary via redis"));

        // a stale writer gets 409 from the compare-and-set in Redis
        given().header("Authorization", "Bearer test-admin-token").contentType(ContentType.JSON)
                .body("{\"stable\":\"v1.2\",\"weights\":{\"v1.2\":100},\"expectedRevision\":" + before
                        + ",\"reason\":\"stale\"}")
                .when().put("/admin/routing").then().statusCode(409);
    }

    @Test
    void shouldApplyAChangePublishedByAnotherInstanceWithinTwoSeconds() throws Exception {
        long before = revisionInRedis();
        RoutingTable fromElsewhere = new RoutingTable(before + 1, "v1.2", Optional.of("v1.3"),
                Map.of("v1.2", 50, "v1.3", 50), Instant.now(), "other-instance", "published elsewhere");
        String json = RoutingJson.write(fromElsewhere);
        redis.execute("SET", PREFIX + ":table", json);
        redis.execute("SET", PREFIX + ":revision", Long.toString(before + 1));
        redis.execute("PUBLISH", PREFIX + ":changes", json);

        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (routing.current().revision() != before + 1 && System.nanoTime() < deadline) {
            Thread.sleep(10); // polling for an asynchronous push; not standing in for work
        }
        assertThat(routing.current()).isEqualTo(fromElsewhere);
        given().get("/admin/routing").then().body("appliedRevision", equalTo((int) before + 1));
    }

    @Test
    void shouldReseedAStoreThatLostTheTable() {
        RoutingTable applied = routing.current();
        redis.execute("DEL", PREFIX + ":table", PREFIX + ":revision");

        routing.refresh();

        assertThat(revisionInRedis()).isEqualTo(applied.revision());
        assertThat(routing.current()).isEqualTo(applied);
        assertThat(redis.execute("LINDEX", PREFIX + ":audit", "0").toString()).contains("seeded");
    }

    @Test
    void shouldIgnoreARollbackOfACandidateThatHasNoTraffic() {
        long before = revisionInRedis();
        var result = routing.rollbackCandidate("v9.9", "guard@test", "nothing to do");
        assertThat(result).isInstanceOf(ChangeResult.Unchanged.class);
        assertThat(revisionInRedis()).isEqualTo(before);
    }
}
