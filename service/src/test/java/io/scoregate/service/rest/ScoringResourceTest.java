package io.scoregate.service.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScoringResourceTest {

    @TestHTTPResource("/risk-score")
    URL riskScore;

    static ValidatableResponse post(String path, String body) {
        return given().contentType("application/json").body(body).when().post(path).then();
    }

    /**
     * Pinned to v1.2: the expected PDs and decisions are v1.2's, and the routing table (owned by the routing
     * side, possibly changed by its tests in the same run) must not decide which model answers.
     */
    static ValidatableResponse postV12(String path, String body) {
        return given().contentType("application/json").header("X-Model-Version", "v1.2").body(body)
                .when().post(path).then();
    }

    static ValidatableResponse problem(ValidatableResponse r, int status, String type) {
        return r.statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("https://scoregate.io/problems/" + type))
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("instance", notNullValue())
                .body("$", not(org.hamcrest.Matchers.hasKey("stackTrace")));
    }

    @Test
    void shouldScoreARiskScoreRequestWithTheRoutedVersion() {
        Map<String, Object> body = Bodies.valid();
        io.restassured.response.Response r = given().contentType("application/json").body(Bodies.json(body))
                .when().post("/risk-score");
        // unpinned: whichever version the routing table chose, the header names the version that scored it
        assertThat(r.header("X-Model-Version")).isEqualTo(r.jsonPath().getString("modelVersion")).isIn("v1.2", "v1.3");
        r.then()
                .statusCode(200)
                .body("applicationId", equalTo(body.get("applicationId")))
                .body("probabilityOfDefault", allOf(org.hamcrest.Matchers.greaterThan(0f), lessThan(1f)))
                .body("score", allOf(org.hamcrest.Matchers.greaterThanOrEqualTo(300),
                        org.hamcrest.Matchers.lessThanOrEqualTo(850)))
                .body("riskBand", notNullValue())
                .body("reasonCodes", hasSize(3))
                .body("reasonCodes.feature", everyItem(notNullValue()))
                .body("reasonCodes.contribution", everyItem(notNullValue()));
    }

    @Test
    void shouldReferATypicalApplicantUnderTheDefaultPolicy() {
        // PD of the typical body under v1.2 is about 0.149: between approve-below 0.07 and decline-from 0.20
        postV12("/funding-approve", Bodies.validJson())
                .statusCode(200)
                .header("X-Model-Version", "v1.2")
                .body("decision", equalTo("REFERRED"))
                .body("approvedAmountKes", equalTo(0.0f))
                .body("riskBand", equalTo("C"));
    }

    @Test
    void shouldApproveAStrongApplicantForTheRequestedAmount() {
        // PD about 0.006 under v1.2; 300000 KES is well under 3 months of revenue and the 5M default cap
        postV12("/funding-approve", Bodies.json(Bodies.strong("acme-bank")))
                .statusCode(200)
                .body("decision", equalTo("APPROVED"))
                .body("approvedAmountKes", equalTo(300000.0f))
                .body("riskBand", equalTo("A"));
    }

    @Test
    void shouldApplyALendersOwnPolicy() {
        // cautious-bank caps automatic approvals at 100000 KES (see %test config)
        postV12("/funding-approve", Bodies.json(Bodies.strong("cautious-bank"))).statusCode(200)
                .body("decision", equalTo("APPROVED"))
                .body("approvedAmountKes", equalTo(100000.0f));
    }

    @Test
    void shouldDeclineAVeryRiskyApplicant() {
        Map<String, Object> body = Bodies.valid();
        body.putAll(Map.of("businessAgeMonths", 2, "priorDefaults", 4, "revenueVolatility", 0.95,
                "monthlyRevenueKes", 5000, "requestedAmountKes", 500000, "sector", "AGRICULTURE"));
        body.remove("crbScore");
        postV12("/funding-approve", Bodies.json(body)).statusCode(200)
                .body("decision", equalTo("DECLINED"))
                .body("riskBand", equalTo("E"));
    }

    @Test
    void shouldScoreWithThePinnedVersion() {
        given().contentType("application/json").header("X-Model-Version", "v1.3").body(Bodies.validJson())
                .when().post("/risk-score").then()
                .statusCode(200)
                .header("X-Model-Version", "v1.3")
                .body("modelVersion", equalTo("v1.3"));
    }

    @Test
    void shouldNameTheLoadedVersionsWhenThePinIsUnknown() {
        ValidatableResponse r = given().contentType("application/json").header("X-Model-Version", "v9.9")
                .body(Bodies.validJson()).when().post("/risk-score").then();
        problem(r, 400, "unknown-model-version")
                .header("X-Model-Version", "none")
                .body("detail", containsString("'v9.9' is not loaded"))
                .body("detail", containsString("v1.2"))
                .body("detail", containsString("v1.3"))
                .body("errors[0].field", equalTo("X-Model-Version"));
    }

    @Test
    void shouldRefuseToPinAVersionThatFailedToLoad() {
        ValidatableResponse r = given().contentType("application/json").header("X-Model-Version", "broken")
                .body(Bodies.validJson()).when().post("/risk-score").then();
        problem(r, 400, "unknown-model-version").body("detail", containsString("'broken' is not loaded"));
    }

    @Test
    void shouldAnswerMalformedJsonWithAProblem() {
        problem(post("/risk-score", "{\"applicationId\": \"a\","), 400, "malformed-json")
                .body("detail", containsString("not valid JSON"));
        problem(post("/risk-score", "{\"a\": 1} trailing"), 400, "malformed-json");
        problem(post("/funding-approve", "[1, 2]"), 400, "malformed-json")
                .body("detail", equalTo("the request body must be a JSON object"));
        problem(post("/risk-score", ""), 400, "malformed-json");
        problem(post("/risk-score", "   "), 400, "malformed-json")
                .body("detail", equalTo("the request body must be a JSON object"));
        problem(post("/risk-score", Bodies.validJson().replace("{", "{\"tenorMonths\":3,")), 400, "malformed-json")
                .body("detail", containsString("Duplicate field 'tenorMonths'"));
    }

    @Test
    void shouldNameEveryMissingRequiredField() {
        problem(post("/risk-score", "{}"), 400, "invalid-request")
                .body("errors.field", containsInAnyOrder("applicationId", "lenderId", "sector", "businessAgeMonths",
                        "monthlyRevenueKes", "revenueVolatility", "mobileMoneyTxnsPerMonth", "existingDebtKes",
                        "priorLoansRepaid", "priorDefaults", "requestedAmountKes", "tenorMonths"))
                .body("errors.find { it.field == 'tenorMonths' }.detail", equalTo("`tenorMonths` is required"))
                .body("errors.find { it.field == 'tenorMonths' }.pointer", equalTo("#/tenorMonths"));
    }

    @Test
    void shouldNameEveryFieldOfTheWrongType() {
        Map<String, Object> body = Bodies.valid();
        body.put("applicationId", 42);
        body.put("businessAgeMonths", "36");
        body.put("revenueVolatility", true);
        body.put("sector", List.of("RETAIL"));
        body.put("tenorMonths", 12.5);
        body.put("existingDebtKes", Map.of("amount", 100000));
        problem(post("/risk-score", Bodies.json(body)), 400, "invalid-request")
                .body("errors.field", containsInAnyOrder("applicationId", "businessAgeMonths", "revenueVolatility",
                        "sector", "tenorMonths", "existingDebtKes"))
                .body("errors.find { it.field == 'existingDebtKes' }.detail",
                        equalTo("`existingDebtKes` must be a number, but was an object"))
                .body("errors.find { it.field == 'sector' }.detail", containsString("but was an array"))
                .body("errors.find { it.field == 'businessAgeMonths' }.detail",
                        equalTo("`businessAgeMonths` must be a whole number, but was a string"))
                .body("errors.find { it.field == 'tenorMonths' }.detail",
                        equalTo("`tenorMonths` must be a whole number, but was 12.5"));
    }

    @Test
    void shouldRefuseOutOfRangeNumbersIncludingHugeAmounts() {
        Map<String, Object> body = Bodies.valid();
        body.put("monthlyRevenueKes", 1e308);
        body.put("revenueVolatility", 1.5);
        body.put("crbScore", 100);
        body.put("requestedAmountKes", 0);
        body.put("tenorMonths", 61);
        body.put("priorDefaults", -1);
        problem(post("/funding-approve", Bodies.json(body)), 400, "invalid-request")
                .body("errors.field", containsInAnyOrder("monthlyRevenueKes", "revenueVolatility", "crbScore",
                        "requestedAmountKes", "tenorMonths", "priorDefaults"))
                .body("errors.find { it.field == 'monthlyRevenueKes' }.detail",
                        equalTo("`monthlyRevenueKes` must be between 0 and 10000000000, but was 1.0E308"))
                .body("errors.find { it.field == 'requestedAmountKes' }.detail",
                        equalTo("`requestedAmountKes` must be greater than 0 and at most 10000000000, but was 0"));
    }

    @Test
    void shouldRefuseNumbersBeyondDoublePrecision() {
        String body = Bodies.validJson().replace("\"existingDebtKes\":100000", "\"existingDebtKes\":1e999");
        problem(post("/risk-score", body), 400, "invalid-request").body("errors.field", containsInAnyOrder("existingDebtKes"));
    }

    @Test
    void shouldRefuseAnUnknownSector() {
        Map<String, Object> body = Bodies.valid();
        body.put("sector", "MINING");
        problem(post("/risk-score", Bodies.json(body)), 400, "invalid-request")
                .body("errors[0].field", equalTo("sector"))
                .body("errors[0].detail", equalTo("`sector` must be one of RETAIL, AGRICULTURE, MANUFACTURING, "
                        + "SERVICES, TRANSPORT, HOSPITALITY, OTHER, but was 'MINING'"));
    }

    @Test
    void shouldAcceptAnAbsentCrbScoreAndIgnoreUnknownFields() {
        Map<String, Object> body = Bodies.valid();
        body.remove("crbScore");
        body.put("branch", "Nakuru");
        body.put("context", Map.of("crbScore", "not ours", "nested", List.of(Map.of("tenorMonths", -1))));
        postV12("/risk-score", Bodies.json(body)).statusCode(200).body("modelVersion", equalTo("v1.2"));
    }

    @Test
    void shouldRefuseABodyOverTheLimitWithAProblemAndLogIt() throws Exception {
        String requestId = Bodies.requestId();
        String big = "{\"applicationId\":\"" + "x".repeat(70 * 1024) + "\"}";
        ValidatableResponse r = given().contentType("application/json").header("X-Request-Id", requestId).body(big)
                .when().post("/risk-score").then();
        problem(r, 413, "body-too-large").body("detail", containsString("at most 65536"));
        JsonNode line = AccessLogLines.parsedLineOf(requestId);
        assertThat(line.get("status").asText()).isEqualTo("REJECTED");
        assertThat(line.get("httpStatus").asInt()).isEqualTo(413);
    }

    @Test
    void shouldRefuseAChunkedBodyOverTheLimitOnceRead() throws Exception {
        // no Content-Length (the publisher's length is unknown), so the size is only known after reading
        byte[] big = ("{\"applicationId\":\"" + "x".repeat(100 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(riskScore.toString()))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body()).contains("\"type\":\"https://scoregate.io/problems/body-too-large\"")
                .contains("the request body has 102420 bytes");
    }

    @Test
    void shouldScoreAChunkedBodyWithinTheLimit() throws Exception {
        byte[] body = Bodies.json(Bodies.valid()).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(riskScore.toString()))
                        .header("Content-Type", "application/json").header("X-Model-Version", "v1.2")
                        .timeout(java.time.Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"modelVersion\":\"v1.2\"");
    }

    @Test
    void shouldRefuseADeclaredLengthOverTheFrameworkLimitWithAProblemAndLogIt() throws Exception {
        String requestId = Bodies.requestId();
        RawAnswer answer = RawAnswer.exchange(riskScore, "Content-Length: 2000000\r\nX-Request-Id: " + requestId,
                "{\"applicationId\":\"" + "x".repeat(10_000), Duration.ofSeconds(30));
        assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
        assertThat(answer.text()).containsIgnoringCase("content-type: application/problem+json")
                .contains("\"type\":\"https://scoregate.io/problems/body-too-large\"")
                .contains("the request body has 2000000 bytes");
        assertThat(answer.closed()).as("connection closed after the answer").isTrue();
        JsonNode line = AccessLogLines.parsedLineOf(requestId);
        assertThat(line.get("status").asText()).isEqualTo("REJECTED");
        assertThat(line.get("httpStatus").asInt()).isEqualTo(413);
    }

    @Test
    void shouldAnswer408AndCloseWhenTheBodyStalls() throws Exception {
        // 10 of the 1000 declared bytes, then nothing: scoregate.http.body-timeout is 2 s in the test profile
        String requestId = Bodies.requestId();
        RawAnswer answer = RawAnswer.exchange(riskScore, "Content-Length: 1000\r\nX-Request-Id: " + requestId,
                "{\"applicat", Duration.ofSeconds(30));
        assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 408 Request Timeout");
        assertThat(answer.text()).contains("\"type\":\"https://scoregate.io/problems/body-timeout\"");
        assertThat(answer.closed()).as("connection closed after the answer").isTrue();
        // bounded: 2 s configured; 30 s is the socket's own read timeout, so a hang fails above, not here
        assertThat(answer.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(1900)).isLessThan(Duration.ofSeconds(25));
        JsonNode line = AccessLogLines.parsedLineOf(requestId);
        assertThat(line.get("status").asText()).isEqualTo("REJECTED");
        assertThat(line.get("httpStatus").asInt()).isEqualTo(408);
    }

    @Test
    void shouldReportTheAccessLogFileInHealth() {
        given().when().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'access-log-file' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'access-log-file' }.data.file", equalTo("access.jsonl"));
        given().when().get("/q/health").then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.hasItem("access-log-file"));
    }

    @Test
    void shouldAnswerUnknownPathsAndMethodsWithProblems() {
        given().when().get("/risk-score").then().statusCode(405).contentType("application/problem+json")
                .body("status", equalTo(405)).body("type", equalTo("about:blank"));
        given().when().get("/no-such-thing").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void shouldAnswer504PromptlyAtTheDeadlineAndCountATimeout() throws Exception {
        String series = MetricLines.requests("/risk-score", "drill-timeout", "timeout");
        double before = MetricLines.value(series);
        String requestId = Bodies.requestId();
        long start = System.nanoTime();
        ValidatableResponse r = given().contentType("application/json").header("X-Model-Version", "drill-timeout")
                .header("X-Request-Id", requestId).body(Bodies.validJson()).when().post("/risk-score").then();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        problem(r, 504, "deadline-exceeded").header("X-Model-Version", "drill-timeout")
                .body("detail", containsString("1000 ms deadline"));
        // the test profile's deadline is 1 s; "promptly" = well before any client timeout
        assertThat(elapsedMs).isBetween(950L, 5000L);
        assertThat(MetricLines.value(series)).isEqualTo(before + 1);
        JsonNode line = AccessLogLines.parsedLineOf(requestId);
        assertThat(line.get("status").asText()).isEqualTo("TIMEOUT");
        assertThat(line.get("httpStatus").asInt()).isEqualTo(504);
        assertThat(line.get("latencyMs").asDouble()).isGreaterThanOrEqualTo(990.0); // counted from arrival
    }

    @Test
    void shouldAnswerAnInjectedErrorWith500ProblemWithoutStackTrace() throws Exception {
        String requestId = Bodies.requestId();
        ValidatableResponse r = given().contentType("application/json").header("X-Model-Version", "drill-error")
                .header("X-Request-Id", requestId).body(Bodies.validJson()).when().post("/funding-approve").then();
        problem(r, 500, "scoring-failed").body("detail", containsString("injected error"))
                .body(not(containsString("at io.scoregate")));
        assertThat(AccessLogLines.parsedLineOf(requestId).get("status").asText()).isEqualTo("ERROR");
    }

    @Test
    void shouldAddTheDrillLatencyWithoutFailing() {
        long start = System.nanoTime();
        given().contentType("application/json").header("X-Model-Version", "drill-slow").body(Bodies.validJson())
                .when().post("/risk-score").then().statusCode(200).header("X-Model-Version", "drill-slow");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(40L);
    }

    @Test
    void shouldCountEachRequestInTheMetricWithItsTags() {
        String ok = MetricLines.requests("/funding-approve", "v1.3", "ok");
        String rejected = MetricLines.requests("/funding-approve", "none", "rejected");
        double okBefore = MetricLines.value(ok);
        double rejectedBefore = MetricLines.value(rejected);
        given().contentType("application/json").header("X-Model-Version", "v1.3").body(Bodies.validJson())
                .when().post("/funding-approve").then().statusCode(200);
        post("/funding-approve", "{}").statusCode(400);
        assertThat(MetricLines.value(ok)).isEqualTo(okBefore + 1);
        assertThat(MetricLines.value(rejected)).isEqualTo(rejectedBefore + 1);
        String metrics = MetricLines.scrape();
        assertThat(metrics).contains("scoregate_request_duration_seconds_bucket{endpoint=\"/funding-approve\","
                + "model_version=\"v1.3\",outcome=\"ok\",le=\"0.5\"}");
        assertThat(metrics).contains("scoregate_request_duration_seconds_count{endpoint=\"/funding-approve\","
                + "model_version=\"v1.3\",outcome=\"ok\"}");
    }

    @Test
    void shouldPublishWhichVersionsLoaded() {
        String metrics = MetricLines.scrape();
        assertThat(metrics).contains("scoregate_model_loaded{model_version=\"v1.3\"} 1.0")
                .contains("scoregate_model_loaded{model_version=\"broken\"} 0.0");
    }

    @Test
    void shouldWriteOneAccessLogLineWithExactlyTheContractFields() throws Exception {
        String requestId = Bodies.requestId();
        given().contentType("application/json").header("X-Model-Version", "v1.3").header("X-Request-Id", requestId)
                .body(Bodies.validJson()).when().post("/risk-score").then().statusCode(200)
                .header("X-Request-Id", requestId);
        String raw = AccessLogLines.lineOf(requestId);
        assertThat(raw).matches("\\{\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\","
                + "\"requestId\":\"" + requestId + "\",\"lenderId\":\"acme-bank\",\"endpoint\":\"/risk-score\","
                + "\"modelVersion\":\"v1.3\",\"latencyMs\":\\d+(\\.\\d{1,3})?(E-?\\d+)?,\"status\":\"OK\","
                + "\"httpStatus\":200}");
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = AccessLogLines.parsedLineOf(requestId).fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        assertThat(names).containsExactly("timestamp", "requestId", "lenderId", "endpoint", "modelVersion",
                "latencyMs", "status", "httpStatus");
    }

    @Test
    void shouldLogARejectedRequestWithItsStatus() throws Exception {
        String requestId = Bodies.requestId();
        Map<String, Object> body = Bodies.valid();
        body.put("tenorMonths", 0);
        given().contentType("application/json").header("X-Request-Id", requestId).body(Bodies.json(body))
                .when().post("/risk-score").then().statusCode(400);
        JsonNode line = AccessLogLines.parsedLineOf(requestId);
        assertThat(line.get("status").asText()).isEqualTo("REJECTED");
        assertThat(line.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(line.get("modelVersion").asText()).isEqualTo("none");
    }

    @Test
    void shouldServeTheOpenApiDocumentAndSwaggerUi() {
        given().when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/risk-score"), containsString("/funding-approve"));
        given().accept("application/json").when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/funding-approve'.post.responses.'504'.description", equalTo("Scoring deadline exceeded"))
                .body("paths.'/risk-score'.post.responses.'400'.content.'application/problem+json'", notNullValue());
        given().when().get("/q/swagger-ui/").then().statusCode(is(200));
    }

    @Test
    void shouldEchoOnTheBenchEndpointWhenEnabled() {
        Map<String, Object> body = Bodies.valid();
        post("/bench/echo", Bodies.json(body)).statusCode(200).body("applicationId", equalTo(body.get("applicationId")))
                .body("size()", equalTo(body.size()));
    }
}
