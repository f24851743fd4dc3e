package io.scoregate.gate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollback guard inside each instance, at its default settings (a look every 5 s over the last 60 s, at
 * least 20 requests per version), with real instances sharing Redis and lender traffic flowing: it rolls back
 * a drill-slowed candidate on its own, and leaves a healthy one alone under the same load.
 */
class GuardEndToEndTest {

    private static final String TOKEN = "guard-e2e-token";
    private static final int REDIS_PORT = Integer.parseInt(System.getenv().getOrDefault("SCOREGATE_TEST_REDIS_PORT", "6399"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;
    private final List<PackagedService> instances = new ArrayList<>();

    @BeforeAll
    static void requireRedis() {
        try (var ignored = new Socket("127.0.0.1", REDIS_PORT)) {
            // reachable
        } catch (IOException e) {
            throw new IllegalStateException("These tests need a redis-server on 127.0.0.1:" + REDIS_PORT
                    + " (bash .ci/run starts one; or: redis-server --port " + REDIS_PORT + " --save '' --daemonize yes)");
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (PackagedService s : instances) {
            s.close();
        }
    }

    private List<URI> fleet(Map<String, String> candidateDrill) throws Exception {
        String prefix = "guard-e2e-" + UUID.randomUUID();
        List<URI> uris = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Map<String, String> props = new HashMap<>(Map.of(
                    "scoregate.routing.store", "redis",
                    "quarkus.redis.hosts", "redis://127.0.0.1:" + REDIS_PORT,
                    "scoregate.routing.redis-key-prefix", prefix,
                    "scoregate.admin.token", TOKEN,
                    "scoregate.instance-id", "guarded-" + i,
                    // about 20 ms of model time on both versions, so only the drill tells them apart
                    "scoregate.drill.\"v1.2\".added-latency-ms", "20",
                    "scoregate.drill.\"v1.3\".added-latency-ms", "20"));
            props.putAll(candidateDrill);
            var s = PackagedService.start(tmp.resolve("guarded-" + i), props);
            instances.add(s);
            uris.add(s.uri());
        }
        return uris;
    }

    private static JsonNode routing(URI instance) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(instance.resolve("/admin/routing")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static void canary(URI instance, int percent) throws Exception {
        long revision = routing(instance).path("revision").asLong();
        var put = HttpRequest.newBuilder(instance.resolve("/admin/routing"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"stable\":\"v1.2\",\"candidate\":\"v1.3\",\"weights\":"
                        + "{\"v1.2\":" + (100 - percent) + ",\"v1.3\":" + percent + "},\"expectedRevision\":" + revision
                        + ",\"reason\":\"canary\"}")).build();
        assertThat(HTTP.send(put, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRollBackADrillSlowedCandidateOnItsOwn() throws Exception {
        List<URI> fleet = fleet(Map.of(
                "scoregate.drill.\"v1.3\".added-latency-ms", "150",
                "scoregate.drill.\"v1.3\".timeout-probability", "0.2"));
        canary(fleet.get(0), 50);
        long start = System.nanoTime();
        JsonNode table;
        try (var traffic = new SteadyTraffic(fleet, 100)) {
            long deadline = start + Duration.ofSeconds(40).toNanos();
            do {
                // polling a running fleet: there is no event to wait on
                Thread.sleep(200);
                table = routing(fleet.get(1));
            } while (table.path("weights").path("v1.3").asInt() != 0 && System.nanoTime() < deadline);
            assertThat(traffic.transportFailures()).as("requests refused or dropped: %s", traffic.failureSummary())
                    .isZero();
        }
        long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertThat(table.path("weights").path("v1.3").asInt()).as("v1.3 weight after 40 s: %s", table).isZero();
        assertThat(table.path("updatedBy").asText()).as("who rolled back: %s", table).contains("guarded-");
        assertThat(table.path("reason").asText()).isNotBlank();
        // the figure the README quotes: drill fault start (traffic on the slow candidate) to rollback applied
        System.out.println("guard-reaction-ms=" + tookMs + " reason=" + table.path("reason").asText());
    }

    @Test
    void shouldLeaveAHealthyCandidateAlone() throws Exception {
        List<URI> fleet = fleet(Map.of());
        canary(fleet.get(0), 50);
        try (var traffic = new SteadyTraffic(fleet, 100)) {
            // three guard looks at the default 5 s interval, with well over the minimum 20 requests per version
            Thread.sleep(16_000);
            assertThat(traffic.transportFailures()).isZero();
        }

        for (URI instance : fleet) {
            JsonNode table = routing(instance);
            assertThat(table.path("weights").path("v1.3").asInt()).as("%s", table).isEqualTo(50);
            assertThat(table.path("updatedBy").asText()).doesNotContain("guard");
        }
    }
}
