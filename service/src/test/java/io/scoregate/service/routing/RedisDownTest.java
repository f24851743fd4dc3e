package io.scoregate.service.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Redis configured but unreachable: the service starts, serves its table, says so, and refuses writes. */
@QuarkusTest
@TestProfile(RedisDownTest.DeadRedis.class)
class RedisDownTest {

    public static class DeadRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort(); // free now, so nothing listens there
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("scoregate.routing.store", "redis",
                    "quarkus.redis.hosts", "redis://127.0.0.1:" + port,
                    "scoregate.routing.redis-key-prefix", "scoregate:test:down");
        }
    }

    @Test
    void shouldKeepServingTheLastTableAndSayTheStoreIsDown() {
        given().get("/admin/routing").then().statusCode(200)
                .body("stable", equalTo("v1.2"))
                .body("appliedRevision", equalTo(1))
                .body("store.kind", equalTo("redis"))
                .body("store.state", equalTo("DOWN"))
                .body("store.detail", containsString("redis unavailable"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'routing-store' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'routing-store' }.data.storeState", equalTo("DOWN"))
                .body("checks.find { it.name == 'routing-store' }.data.lastError", notNullValue());
        // and the metric the routing-store alert is built on
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(metrics)
                .contains("scoregate_routing_store_state{state=\"DOWN\"} 1.0")
                .contains("scoregate_routing_store_state{state=\"UP\"} 0.0");
    }

    @Test
    void shouldRefuseWritesWithAClear503() {
        given().header("Authorization", "Bearer test-admin-token").contentType(ContentType.JSON)
                .body("{\"stable\":\"v1.2\",\"weights\":{\"v1.2\":100},\"expectedRevision\":1,\"reason\":\"x\"}")
                .when().put("/admin/routing")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("title", equalTo("Routing store unavailable"))
                .body("detail", containsString("nothing was changed"))
                // no internals for whoever can reach the port: no address, no exception class
                .body("detail", not(containsString("127.0.0.1")))
                .body("detail", not(containsString("Exception")));
        given().get("/admin/routing/audit").then().statusCode(503).contentType("application/problem+json");
    }
}
