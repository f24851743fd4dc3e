package io.scoregate.service.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.scoregate.service.routing.RoutingTable;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The series the Prometheus alert rules in deploy/prometheus/ are built on exist from the start: the routing
 * store's state set, and every (loaded version, rule) rollback counter (an alert on increase() cannot see a
 * counter's first increment when the series is born with it).
 */
@QuarkusTest
class RoutingMetricsTest {

    @Test
    void shouldPublishTheStoreStateAsAStateSet() {
        String metrics = scrape();
        assertThat(metrics)
                .contains("scoregate_routing_store_state{state=\"UP\"} 1.0")
                .contains("scoregate_routing_store_state{state=\"DOWN\"} 0.0")
                .contains("scoregate_routing_store_state{state=\"CORRUPTED\"} 0.0");
    }

    @Test
    void shouldPublishEveryRollbackSeriesBeforeTheFirstRollback() {
        String metrics = scrape();
        for (String version : new String[] {"v1.2", "v1.3"}) {
            for (String rule : new String[] {"timeout_rate", "error_rate", "p95_latency"}) {
                // the value may already be above 0 when another test of this profile rolled back first
                assertThat(metrics).containsPattern("(?m)^scoregate_rollbacks_total\\{model_version=\"" + version
                        .replace(".", "\\.") + "\",rule=\"" + rule + "\"} \\d+\\.\\d+$");
            }
        }
    }

    @Test
    void shouldTagTheVersionsByTheirRoleInTheAppliedTable() {
        // read the table and the metrics together; another test of this profile may have changed the table
        String stable = given().get("/admin/routing").then().statusCode(200).extract().path("stable");
        String candidate = given().get("/admin/routing").then().extract().path("candidate");
        String metrics = scrape();
        assertThat(metrics).contains("scoregate_routing_role{model_version=\"" + stable + "\",role=\"stable\"} 1.0")
                .contains("scoregate_routing_role{model_version=\"" + stable + "\",role=\"candidate\"} 0.0")
                .contains("scoregate_routing_role{model_version=\"" + stable + "\",role=\"none\"} 0.0");
        // exactly one stable version
        assertThat(metrics.lines().filter(l -> l.startsWith("scoregate_routing_role{") && l.contains("role=\"stable\"")
                && l.endsWith(" 1.0"))).hasSize(1);
        if (candidate != null) {
            assertThat(metrics).contains(
                    "scoregate_routing_role{model_version=\"" + candidate + "\",role=\"candidate\"} 1.0");
        }
    }

    @Test
    void shouldNameTheRoleOfAVersionFromTheTable() {
        RoutingTable table = new RoutingTable(7, "v1.2", Optional.of("v1.3"), Map.of("v1.2", 50, "v1.3", 50),
                Instant.EPOCH, "alice", "canary 50%");
        assertThat(RoutingRole.of(table, "v1.2")).isEqualTo(RoutingRole.STABLE);
        assertThat(RoutingRole.of(table, "v1.3")).isEqualTo(RoutingRole.CANDIDATE);
        assertThat(RoutingRole.of(table, "v1.4")).isEqualTo(RoutingRole.NONE);
        assertThat(RoutingRole.of(RoutingTable.initial("v1.3", Instant.EPOCH), "v1.2")).isEqualTo(RoutingRole.NONE);
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
