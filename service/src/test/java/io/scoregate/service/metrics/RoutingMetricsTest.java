package io.scoregate.service.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
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

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
