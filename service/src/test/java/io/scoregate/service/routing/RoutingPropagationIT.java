package io.scoregate.service.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three packaged instances sharing one redis-server (started here, so the test can stop and restart it):
 * a change through one is applied by all within 2 s; Redis going away and coming back (empty, as a
 * restart without persistence leaves it) neither stops serving nor leaves the instances apart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoutingPropagationIT {

    static ServiceFleet fleet;

    @BeforeAll
    static void startFleet() throws Exception {
        fleet = new ServiceFleet();
        fleet.startRedis(ServiceFleet.freePort());
        String prefix = "scoregate:it:" + UUID.randomUUID();
        for (int i = 1; i <= 3; i++) {
            fleet.start("it-" + i, Map.of("scoregate.routing.store", "redis",
                    "quarkus.redis.hosts", "redis://127.0.0.1:" + fleet.redisPort,
                    "scoregate.routing.redis-key-prefix", prefix,
                    "scoregate.data-dir", "target/it-data-" + i,
                    "scoregate.routing.refresh-interval", "2s"));
        }
        fleet.awaitReady(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopFleet() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Order(1)
    void shouldApplyAChangeThroughOneInstanceOnAllWithinTwoSeconds() throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            ServiceFleet.Instance via = fleet.instances.get(n % 3);
            long revision = fleet.routing(via).path("revision").asLong();
            long start = System.nanoTime();
            var response = fleet.put(via, "v1.2", "v1.3", n % 2 == 0 ? 95 : 75, revision, "propagation " + n);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            long took = fleet.millisUntilAllApply(revision + 1, start, Duration.ofSeconds(2));
            assertThat(took).as("change %d (revision %d) through %s reached every instance", n, revision + 1,
                    via.id()).isNotNegative();
            millis.add(took);
        }
        Collections.sort(millis);
        System.out.println("propagation over 3 instances (ms, sorted): " + millis);
        for (ServiceFleet.Instance i : fleet.instances) {
            assertThat(fleet.routing(i).path("instanceId").asText()).isEqualTo(i.id());
        }
    }

    @Test
    @Order(2)
    void shouldKeepServingWhileRedisIsDownAndConvergeWhenItReturns() throws Exception {
        ServiceFleet.Instance first = fleet.instances.get(0);
        long revisionBefore = fleet.routing(first).path("revision").asLong();
        fleet.stopRedis();

        for (ServiceFleet.Instance i : fleet.instances) {
            JsonNode view = fleet.routing(i);
            assertThat(view.path("store").path("state").asText()).isEqualTo("DOWN");
            assertThat(view.path("appliedRevision").asLong()).isEqualTo(revisionBefore);
            assertThat(fleet.get(i, "/q/health/ready").statusCode()).isEqualTo(200);
        }
        var refused = fleet.put(first, "v1.2", "v1.3", 50, revisionBefore, "while redis is down");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("Routing store unavailable");

        fleet.startRedis(fleet.redisPort); // same port, empty: --save '' kept nothing

        // the periodic re-read (2 s here) finds Redis back, one instance re-seeds it, all subscribe again
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        boolean converged = false;
        while (!converged && System.nanoTime() < deadline) {
            converged = true;
            for (ServiceFleet.Instance i : fleet.instances) {
                JsonNode view = fleet.routing(i);
                converged &= view.path("store").path("state").asText().equals("UP")
                        && view.path("pushSubscribed").asBoolean()
                        && view.path("revision").asLong() == revisionBefore
                        && view.path("appliedRevision").asLong() == revisionBefore;
            }
            Thread.sleep(100); // polling other processes
        }
        assertThat(converged).as("instances back on Redis at revision %d within 15 s", revisionBefore).isTrue();

        // and pushes work again: a change through another instance reaches all within 2 s
        ServiceFleet.Instance via = fleet.instances.get(1);
        long start = System.nanoTime();
        var accepted = fleet.put(via, "v1.2", "v1.3", 90, revisionBefore, "after redis came back");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(fleet.millisUntilAllApply(revisionBefore + 1, start, Duration.ofSeconds(2))).isNotNegative();
    }
}
