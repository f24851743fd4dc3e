package io.scoregate.service.rollout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.scoregate.contract.Outcome;
import io.scoregate.service.metrics.VersionTrafficWindows;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The guard wired into the service: the routing event that starts a canary phase, the real running totals,
 * store, audit, metric and a real webhook receiver.
 */
@QuarkusTest
@TestProfile(RollbackGuardTest.GuardProfile.class)
class RollbackGuardTest {

    static final LinkedBlockingQueue<String> WEBHOOK_BODIES = new LinkedBlockingQueue<>();
    static HttpServer receiver;

    public static class GuardProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                if (receiver == null) {
                    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                    receiver.createContext("/slack", exchange -> {
                        WEBHOOK_BODIES.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                        exchange.sendResponseHeaders(200, -1);
                        exchange.close();
                    });
                    receiver.start();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("scoregate.data-dir", "target/test-data-guard",
                    "scoregate.instance-id", "guard-test-1",
                    "scoregate.notify.webhook-url",
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/slack");
        }
    }

    @Inject
    RollbackGuard guard;

    /** The real per-version totals the scoring path records into; the test records as a request would. */
    @Inject
    VersionTrafficWindows traffic;

    /** A fresh canary phase for v1.3 at {@code candidateWeight}: off first, so no earlier test's evidence counts. */
    private long startCanary(int candidateWeight) {
        route(0);
        return route(candidateWeight);
    }

    private void serve(String version, int requests, int timeouts, double latencyMillis) {
        for (int i = 0; i < requests; i++) {
            traffic.record(version, i < timeouts ? Outcome.TIMEOUT : Outcome.OK, i < timeouts ? 300 : latencyMillis);
        }
    }

    private long route(int candidateWeight) {
        long revision = given().get("/admin/routing").then().extract().jsonPath().getLong("revision");
        return given().header("Authorization", "Bearer test-admin-token").contentType(ContentType.JSON)
                .body("{\"stable\":\"v1.2\",\"candidate\":\"v1.3\",\"weights\":{\"v1.2\":" + (100 - candidateWeight)
                        + ",\"v1.3\":" + candidateWeight + "},\"expectedRevision\":" + revision
                        + ",\"reason\":\"canary\"}")
                .when().put("/admin/routing").then().statusCode(200).extract().jsonPath().getLong("revision");
    }

    @Test
    void shouldLeaveAHealthyCandidateAlone() {
        long revision = startCanary(10);
        serve("v1.2", 500, 0, 100);
        serve("v1.3", 60, 1, 110);

        GuardDecision look = guard.check();
        assertThat(look.outcome()).isEqualTo(GuardDecision.Outcome.WATCHING);
        assertThat(look.candidateRequests()).isEqualTo(60);
        assertThat(given().get("/admin/routing").then().extract().jsonPath().getLong("revision")).isEqualTo(revision);
    }

    @Test
    void shouldRollBackABreachingCandidateOnceAndTellEveryone() throws Exception {
        WEBHOOK_BODIES.clear();
        long revision = startCanary(25);
        serve("v1.2", 500, 0, 100);
        serve("v1.3", 50, 40, 790); // the Friday incident

        GuardDecision first = guard.check();

        assertThat(first.rule()).contains(RollbackRule.TIMEOUT_RATE);
        JsonPath table = given().get("/admin/routing").then().extract().jsonPath();
        assertThat(table.getLong("revision")).isEqualTo(revision + 1);
        assertThat(table.getInt("weights.'v1.3'")).isZero();
        assertThat(table.getInt("weights.'v1.2'")).isEqualTo(100);
        assertThat(table.getString("updatedBy")).isEqualTo("guard@guard-test-1");

        JsonPath audit = given().get("/admin/routing/audit?limit=1").then().extract().jsonPath();
        assertThat(audit.getString("entries[0].by")).isEqualTo("guard@guard-test-1");
        assertThat(audit.getString("entries[0].reason"))
                .contains("rule timeout_rate")
                .contains("timeout rate: 40 of 50 candidate requests against 5%; e-value").contains(">= 300");

        String hook = WEBHOOK_BODIES.poll(5, TimeUnit.SECONDS);
        assertThat(hook).startsWith("{\"text\":").contains("rolled back v1.3 to 0%").contains("guard-test-1")
                .contains("40 of 50 candidate requests");

        String metrics = given().get("/q/metrics").then().extract().asString();
        assertThat(metrics).contains("scoregate_rollbacks_total{model_version=\"v1.3\",rule=\"timeout_rate\"} 1.0")
                .contains("scoregate_routing_weight{model_version=\"v1.3\"} 0.0");

        // a second look (or a second instance) finds nothing to do: no new revision, no second notification
        assertThat(guard.check().outcome()).isEqualTo(GuardDecision.Outcome.NO_CANDIDATE);
        assertThat(given().get("/admin/routing").then().extract().jsonPath().getLong("revision"))
                .isEqualTo(revision + 1);
        assertThat(WEBHOOK_BODIES.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }
}
