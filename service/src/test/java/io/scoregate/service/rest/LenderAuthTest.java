package io.scoregate.service.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Production-like settings: authentication on, with the %test key of lender test-bank (SHA-256 of
 * "test-bank-key"), and pinning switched off.
 */
@QuarkusTest
@TestProfile(LenderAuthTest.ProductionLike.class)
class LenderAuthTest {

    public static class ProductionLike implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scoregate.auth.enabled", "true", "scoregate.scoring.allow-pinning", "false");
        }
    }

    static String body(String lender) {
        Map<String, Object> b = Bodies.valid();
        b.put("lenderId", lender);
        return Bodies.json(b);
    }

    @Test
    void shouldScoreForTheLenderTheKeyBelongsTo() {
        given().contentType("application/json").header("X-Api-Key", "test-bank-key").body(body("test-bank"))
                .when().post("/risk-score").then().statusCode(200);
    }

    @Test
    void shouldRefuseARequestWithoutKey() {
        given().contentType("application/json").body(body("test-bank")).when().post("/risk-score").then()
                .statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://scoregate.io/problems/unauthenticated"))
                .body("detail", containsString("X-Api-Key"));
    }

    @Test
    void shouldRefuseAnUnknownKey() {
        given().contentType("application/json").header("X-Api-Key", "guess").body(body("test-bank"))
                .when().post("/funding-approve").then().statusCode(401)
                .body("detail", equalTo("the X-Api-Key header holds no known API key"));
    }

    @Test
    void shouldRefuseABodyNamingAnotherLender() {
        given().contentType("application/json").header("X-Api-Key", "test-bank-key").body(body("acme-bank"))
                .when().post("/funding-approve").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://scoregate.io/problems/lender-mismatch"))
                .body("errors[0].field", equalTo("lenderId"));
    }

    @Test
    void shouldRefuseToPinWhenPinningIsSwitchedOff() {
        given().contentType("application/json").header("X-Api-Key", "test-bank-key").header("X-Model-Version", "v1.3")
                .body(body("test-bank")).when().post("/risk-score").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://scoregate.io/problems/pinning-not-allowed"))
                .header("X-Model-Version", "none");
    }
}
