package io.scoregate.service.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.scoregate.service.config.ScoringConfig;
import io.scoregate.service.model.FeatureExtractor;
import io.scoregate.service.model.FeatureSpec;
import io.scoregate.service.model.InputField;
import io.scoregate.service.model.LogisticScorecard;
import io.scoregate.service.model.ModelFamily;
import io.scoregate.service.model.ModelRegistry;
import io.scoregate.service.model.ScoringModel;
import io.scoregate.service.model.Transform;
import io.scoregate.service.routing.TrafficRouter;
import io.scoregate.service.scoring.VersionSelector;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 end to end: a model version that computes NaN gets a 500 problem, never a score or a decision; the
 * request is ERROR in the access log and the metrics, and after repeated failures the version's health check is DOWN
 * under the shipped limits (min-requests 20, max-error-rate 0.02).
 * <p>
 * The parser refuses every artifact that could do this, so the model is built here, past the parser: the finding's
 * coefficients of +-1e308 on businessAgeMonths and mobileMoneyTxnsPerMonth (36 x 1e308 - 120 x 1e308 = NaN for the
 * standard test body), swapped in for version {@code overflow} (test-models/overflow.json, a small valid artifact
 * that gives the version its health check). Not run against the packaged jar: a mock cannot reach into it.
 */
@QuarkusTest
class NonFiniteScoreTest {

    static final String VERSION = "overflow";

    @Inject
    ModelRegistry registry;

    @Inject
    TrafficRouter router;

    @Inject
    ScoringConfig config;

    @BeforeEach
    void swapInAModelWhoseLogOddsOverflow() {
        double inf = Double.POSITIVE_INFINITY;
        ScoringModel overflowing = new ScoringModel(VERSION, ModelFamily.LOGISTIC_SCORECARD, new FeatureExtractor(List.of(
                new FeatureSpec("businessAge", InputField.BUSINESS_AGE_MONTHS, Transform.IDENTITY, Optional.empty(),
                        Optional.empty(), 0, -inf, inf),
                new FeatureSpec("mobileMoneyTxns", InputField.MOBILE_MONEY_TXNS_PER_MONTH, Transform.IDENTITY,
                        Optional.empty(), Optional.empty(), 0, -inf, inf))),
                new LogisticScorecard(-2.0, new double[] {1e308, -1e308}, new double[] {0, 0}), Map.of());
        QuarkusMock.installMockForType(new VersionSelector(registry, router, config) {
            @Override
            public ScoringModel select(Optional<String> pinned, String applicationId) {
                return pinned.filter(VERSION::equals).isPresent() ? overflowing : super.select(pinned, applicationId);
            }
        }, VersionSelector.class);
    }

    static ValidatableResponse postOverflow(String path, String requestId) {
        return given().contentType("application/json").header("X-Model-Version", VERSION)
                .header("X-Request-Id", requestId).body(Bodies.json(Bodies.strong("acme-bank")))
                .when().post(path).then();
    }

    @Test
    void shouldAnswerA500ProblemAndNeverADecision() throws Exception {
        String series = MetricLines.requests("/funding-approve", VERSION, "error");
        double before = MetricLines.value(series);
        String requestId = Bodies.requestId();
        // the body the finding approved for 300000 KES under a NaN PD
        ScoringResourceTest.problem(postOverflow("/funding-approve", requestId), 500, "scoring-failed")
                .header("X-Model-Version", VERSION)
                .header("X-Request-Id", requestId)
                .body("detail", equalTo("model version overflow could not score this application; no decision was "
                        + "made. Quote request id " + requestId))
                .body("$", not(org.hamcrest.Matchers.hasKey("decision")))
                .body("$", not(org.hamcrest.Matchers.hasKey("probabilityOfDefault")))
                .body(not(containsString("NaN")), not(containsString("Infinity")), not(containsString("Exception")),
                        not(containsString("at io.scoregate")));
        JsonNode line = AccessLogLines.parsedLineOf(requestId);
        assertThat(line.get("status").asText()).isEqualTo("ERROR");
        assertThat(line.get("httpStatus").asInt()).isEqualTo(500);
        assertThat(line.get("modelVersion").asText()).isEqualTo(VERSION);
        assertThat(MetricLines.value(series)).isEqualTo(before + 1);

        String riskScoreId = Bodies.requestId();
        ScoringResourceTest.problem(postOverflow("/risk-score", riskScoreId), 500, "scoring-failed")
                .body("$", not(org.hamcrest.Matchers.hasKey("score")));
        assertThat(AccessLogLines.parsedLineOf(riskScoreId).get("status").asText()).isEqualTo("ERROR");
    }

    @Test
    void shouldTakeTheVersionDownAfterRepeatedFailuresUnderTheShippedLimits() {
        String check = "checks.find { it.name == 'model-version overflow' }";
        int already = given().when().get("/q/health/group/model-versions").then().extract().path(check + ".data.requests");
        // below min-requests (20) the rates are not judged: 19 failures leave it UP
        for (int i = already; i < 19; i++) {
            postOverflow(i % 2 == 0 ? "/funding-approve" : "/risk-score", Bodies.requestId()).statusCode(500);
        }
        given().when().get("/q/health/group/model-versions").then()
                .body(check + ".data.requests", equalTo(Math.max(19, already)))
                .body(check + ".data.errorRate", equalTo("1.0"))
                .body(check + ".status", already < 20 ? equalTo("UP") : anyOf(equalTo("UP"), equalTo("DOWN")));
        // the 20th: error rate 1.0 against the limit 0.02
        postOverflow("/funding-approve", Bodies.requestId()).statusCode(500);
        given().when().get("/q/health/group/model-versions").then()
                .body(check + ".status", equalTo("DOWN"))
                .body(check + ".data.loaded", equalTo(true))
                .body(check + ".data.reason", equalTo("error rate 1.000 is above the limit of 0.020"));
        // a DOWN version that is not the stable one leaves the pod ready
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
