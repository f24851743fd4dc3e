package io.scoregate.service.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The production profile's lender port: operator paths answer only the admin token; probes and the scoring
 * API stay open. (The test profile's admin token is {@code test-admin-token}.)
 */
@QuarkusTest
@TestProfile(OperatorPathGuardTest.LenderPortOnly.class)
class OperatorPathGuardTest {

    static final String TOKEN = "Bearer test-admin-token";

    public static class LenderPortOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scoregate.http.operator-paths-need-token", "true",
                    "scoregate.http.metrics-token", "prometheus-token");
        }
    }

    @Test
    void shouldRefuseOperatorPathsWithoutTheAdminToken() {
        for (String path : new String[] {"/q/metrics", "/admin/routing", "/admin/routing/audit", "/q/openapi",
                "/q/health", "/q/health/group/model-versions", "/q/swagger-ui/", "/q/metrics/"}) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer realm=\"scoregate-admin\"")
                    .body("type", equalTo("https://scoregate.io/problems/unauthorized"));
        }
        // spellings that might slip past a prefix check: refused, or not found, never served
        for (String path : new String[] {"//q/metrics", "/q/./metrics", "/x/../q/metrics", "/%71/metrics",
                "/q%2Fmetrics", "/admin/routing/../routing", "/Q/metrics", "/admin//routing"}) {
            int status = given().urlEncodingEnabled(false).get(path).then().extract().statusCode();
            assertThat(status).as(path).isIn(401, 404);
        }
        given().header("Authorization", "Bearer guess").get("/q/metrics").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("https://scoregate.io/problems/forbidden"));
        given().header("Authorization", TOKEN).contentType("application/json")
                .body("{\"stable\":\"v1.2\"}").put("/admin/routing").then().statusCode(400); // past the guard
    }

    @Test
    void shouldServeOperatorPathsToTheAdminToken() {
        given().header("Authorization", TOKEN).get("/q/metrics").then().statusCode(200);
        given().header("Authorization", TOKEN).get("/admin/routing").then().statusCode(200)
                .body("stable", equalTo("v1.2"));
        given().header("Authorization", TOKEN).get("/admin/routing/audit").then().statusCode(200);
    }

    @Test
    void shouldOpenOnlyTheMetricsToPrometheusToken() {
        given().header("Authorization", "Bearer prometheus-token").get("/q/metrics").then().statusCode(200);
        for (String path : new String[] {"/admin/routing", "/admin/routing/audit", "/q/openapi", "/q/health"}) {
            given().header("Authorization", "Bearer prometheus-token").get(path).then().statusCode(403);
        }
        given().header("Authorization", "Bearer prometheus-token").contentType("application/json")
                .body("{\"stable\":\"v1.2\"}").put("/admin/routing").then().statusCode(403);
    }

    @Test
    void shouldKeepTheProbesAndTheScoringApiOpen() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().contentType("application/json").body(Bodies.validJson()).post("/risk-score").then().statusCode(200);
    }

    @Test
    void shouldTellOperatorPathsFromLenderPaths() {
        assertThat(OperatorPathGuard.isProtected("/q/metrics")).isTrue();
        assertThat(OperatorPathGuard.isProtected("/admin")).isTrue();
        assertThat(OperatorPathGuard.isProtected("/q/health/ready")).isFalse();
        assertThat(OperatorPathGuard.isProtected("/q/health/ready/x")).isTrue();
        assertThat(OperatorPathGuard.isProtected("/risk-score")).isFalse();
        assertThat(OperatorPathGuard.isProtected("/quota")).isFalse();
        assertThat(OperatorPathGuard.isProtected("/administrator")).isFalse();
    }
}
