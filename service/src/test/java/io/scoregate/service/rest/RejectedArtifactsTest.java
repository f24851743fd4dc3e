package io.scoregate.service.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's two reproductions, as artifacts in the test profile's model directory (test-models/nan-log1p.json and
 * nan-coefficients.json): the parser refuses both at startup with a message naming the JSON path and value, the
 * service starts and serves the other versions, and the refused versions are DOWN and cannot be pinned.
 */
@QuarkusTest
class RejectedArtifactsTest {

    static String check(String version) {
        return "checks.find { it.name == 'model-version " + version + "' }";
    }

    @Test
    void shouldRefuseLog1pOfAMissingValueOfMinusOneAtStartup() {
        given().when().get("/q/health/group/model-versions").then()
                .body(check("nan-log1p") + ".status", equalTo("DOWN"))
                .body(check("nan-log1p") + ".data.loaded", equalTo(false))
                .body(check("nan-log1p") + ".data.reason", containsString("nan-log1p.json: features[0].missing is -1, "
                        + "but feature 'logCrbScore' is log1p of crbScore and takes `missing` when crbScore is absent: "
                        + "log1p(-1) is -Infinity; log1p needs a `missing` above -1"));
    }

    @Test
    void shouldRefuseCoefficientsOfPlusMinus1e308AtStartup() {
        given().when().get("/q/health/group/model-versions").then()
                .body(check("nan-coefficients") + ".status", equalTo("DOWN"))
                .body(check("nan-coefficients") + ".data.loaded", equalTo(false))
                .body(check("nan-coefficients") + ".data.reason", containsString("nan-coefficients.json: "
                        + "parameters.coefficients.businessAge is 1.0E308; it must be a finite number from -1000000 "
                        + "to 1000000"));
    }

    @Test
    void shouldStartAndServeTheOtherVersions() {
        given().when().get("/q/health/group/model-versions").then()
                .body(check("v1.2") + ".data.loaded", equalTo(true))
                .body(check("v1.3") + ".data.loaded", equalTo(true));
        given().when().get("/q/health/ready").then().statusCode(200);
        ScoringResourceTest.postV12("/funding-approve", Bodies.json(Bodies.strong("acme-bank"))).statusCode(200)
                .body("decision", equalTo("APPROVED"));
        for (String refused : new String[] {"nan-log1p", "nan-coefficients"}) {
            ScoringResourceTest.problem(given().contentType("application/json").header("X-Model-Version", refused)
                    .body(Bodies.validJson()).when().post("/funding-approve").then(), 400, "unknown-model-version");
        }
        assertThat(MetricLines.scrape()).contains("scoregate_model_loaded{model_version=\"nan-log1p\"} 0.0")
                .contains("scoregate_model_loaded{model_version=\"nan-coefficients\"} 0.0");
    }
}
