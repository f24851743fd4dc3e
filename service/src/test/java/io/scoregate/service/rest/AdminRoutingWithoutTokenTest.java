package io.scoregate.service.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(AdminRoutingWithoutTokenTest.NoToken.class)
class AdminRoutingWithoutTokenTest {

    public static class NoToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scoregate.admin.token", "", "scoregate.data-dir", "target/test-data-no-token");
        }
    }

    @Test
    void shouldRefuseWritesWhenNoAdminTokenIsConfigured() {
        long revision = AdminRoutingResourceTest.currentRevision();
        given().header("Authorization", "Bearer anything").contentType(ContentType.JSON)
                .body(AdminRoutingResourceTest.body("v1.2", "v1.3", 50, revision, "open door?"))
                .when().put("/admin/routing")
                .then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("no admin token is configured"));
        given().get("/admin/routing").then().statusCode(200);
        org.assertj.core.api.Assertions.assertThat(AdminRoutingResourceTest.currentRevision()).isEqualTo(revision);
    }
}
