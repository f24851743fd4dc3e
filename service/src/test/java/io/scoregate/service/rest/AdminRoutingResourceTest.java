package io.scoregate.service.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminRoutingResourceTest {

    static final String TOKEN = "test-admin-token";

    static long currentRevision() {
        return given().get("/admin/routing").then().statusCode(200).extract().jsonPath().getLong("revision");
    }

    static String body(String stable, String candidate, int stableWeight, long expectedRevision, String reason) {
        return "{\"stable\":\"" + stable + "\",\"candidate\":\"" + candidate + "\",\"weights\":{\"" + stable + "\":"
                + stableWeight + ",\"" + candidate + "\":" + (100 - stableWeight) + "},\"expectedRevision\":"
                + expectedRevision + ",\"reason\":\"" + reason + "\"}";
    }

    static JsonPath put(String body, int expectedStatus) {
        return given().header("Authorization", "Bearer " + TOKEN).header("X-Actor", "alice")
                .contentType(ContentType.JSON).body(body)
                .when().put("/admin/routing")
                .then().statusCode(expectedStatus).extract().jsonPath();
    }

    @Test
    void shouldShowTheTableWithWhatThisInstanceApplies() {
        given().get("/admin/routing").then().statusCode(200)
                .body("stable", notNullValue())
                .body("updatedBy", notNullValue())
                .body("reason", notNullValue())
                .body("instanceId", notNullValue())
                .body("store.kind", equalTo("file"))
                .body("store.state", equalTo("UP"));
        JsonPath view = given().get("/admin/routing").then().extract().jsonPath();
        assertThat(view.getLong("appliedRevision")).isEqualTo(view.getLong("revision"));
    }

    @Test
    void shouldRejectAWriteWithoutATokenAndChangeNothing() {
        long before = currentRevision();
        given().contentType(ContentType.JSON).body(body("v1.2", "v1.3", 50, before, "no token"))
                .when().put("/admin/routing")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401))
                .body("detail", containsString("Authorization: Bearer"));
        assertThat(currentRevision()).isEqualTo(before);
    }

    @Test
    void shouldRejectAWrongTokenAndChangeNothing() {
        long before = currentRevision();
        given().header("Authorization", "Bearer not-the-token").contentType(ContentType.JSON)
                .body(body("v1.2", "v1.3", 50, before, "wrong token"))
                .when().put("/admin/routing")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("title", equalTo("Wrong admin token"));
        given().header("Authorization", "Basic dGVzdDp0ZXN0").contentType(ContentType.JSON)
                .body(body("v1.2", "v1.3", 50, before, "basic auth"))
                .when().put("/admin/routing").then().statusCode(401);
        assertThat(currentRevision()).isEqualTo(before);
    }

    @Test
    void shouldApplyAValidChangeAndAuditIt() throws Exception {
        long before = currentRevision();
        JsonPath after = put(body("v1.2", "v1.3", 95, before, "canary 5% for CHG-1234"), 200);

        assertThat(after.getLong("revision")).isEqualTo(before + 1);
        assertThat(after.getLong("appliedRevision")).isEqualTo(before + 1);
        assertThat(after.getString("candidate")).isEqualTo("v1.3");
        assertThat(after.getInt("weights.'v1.3'")).isEqualTo(5);
        assertThat(after.getString("updatedBy")).isEqualTo("alice");

        given().get("/admin/routing/audit?limit=5").then().statusCode(200)
                .body("store", equalTo("file"))
                .body("entries[0].to.revision", equalTo((int) before + 1))
                .body("entries[0].from.revision", equalTo((int) before))
                .body("entries[0].by", equalTo("alice"))
                .body("entries[0].reason", equalTo("canary 5% for CHG-1234"))
                .body("entries[0].instance", notNullValue());

        // durable in the store before the API said so
        String onDisk = Files.readString(Path.of("target/test-data/routing.json"));
        assertThat(onDisk).contains("\"revision\":" + (before + 1)).contains("CHG-1234");
    }

    @Test
    void shouldRefuseAChangeBasedOnAnOldRevision() {
        long before = currentRevision();
        put(body("v1.2", "v1.3", 90, before, "first writer"), 200);

        given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON)
                .body(body("v1.2", "v1.3", 50, before, "second writer, stale"))
                .when().put("/admin/routing")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("currentRevision", equalTo((int) before + 1))
                .body("detail", containsString("`expectedRevision` was " + before));
        assertThat(given().get("/admin/routing").then().extract().jsonPath().getInt("weights.'v1.3'")).isEqualTo(10);
    }

    @Test
    void shouldNameEveryProblemOfAnInvalidChange() {
        long before = currentRevision();
        JsonPath problem = given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON)
                .body("{\"stable\":\"v1.2\",\"candidate\":\"v9.9\",\"weights\":{\"v1.2\":95,\"v9.9\":-5},"
                        + "\"expectedRevision\":" + before + ",\"colour\":\"red\"}")
                .when().put("/admin/routing")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid routing change"))
                .extract().jsonPath();
        assertThat(problem.getList("errors.detail", String.class)).contains(
                "`reason` is required",
                "unknown field `colour`; allowed: stable, candidate, weights, expectedRevision, reason",
                // the test profile also loads the drill-* copies of v1.2 and the small `overflow` model (and three
                // refused artifacts, which are not "loaded")
                "`candidate` names unknown version v9.9; loaded versions: drill-error, drill-slow, drill-timeout, "
                        + "overflow, v1.2, v1.3",
                "`weights.v9.9` must be between 0 and 100, but was -5",
                "`weights` must sum to 100, but summed to 95");
        assertThat(currentRevision()).isEqualTo(before);
    }

    @Test
    void shouldRequireExpectedRevisionAndWeightsSummingToHundred() {
        given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON)
                .body("{\"stable\":\"v1.2\",\"candidate\":\"v1.3\",\"weights\":{\"v1.2\":60,\"v1.3\":30},"
                        + "\"reason\":\"typo\"}")
                .when().put("/admin/routing")
                .then().statusCode(400)
                .body("errors.detail", hasItem("`expectedRevision` is required (the revision you read from GET /admin/routing)"))
                .body("errors.detail", hasItem("`weights` must sum to 100, but summed to 90"));
        given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON)
                .body("{\"stable\":\"v1.2\",\"weights\":{\"v1.2\":\"all\"},\"expectedRevision\":1.5,\"reason\":\" \"}")
                .when().put("/admin/routing")
                .then().statusCode(400)
                .body("errors.detail", hasItem("`weights.v1.2` must be an integer between 0 and 100, but was \"all\""))
                // the same errors shape as the scoring API: a field and its JSON pointer (a version's dots stay)
                .body("errors.find { it.field == 'weights.v1.2' }.pointer", equalTo("#/weights/v1.2"))
                .body("errors.detail", hasItem("`expectedRevision` must be a whole number >= 0, but was 1.5"))
                .body("errors.detail", hasItem("`reason` must be a non-empty string, but was \" \""));
    }

    @Test
    void shouldAnswerMalformedJsonWithAProblem() {
        given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON)
                .body("{\"stable\": \"v1.2\", ")
                .when().put("/admin/routing")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"))
                .body("detail", containsString("body is not valid JSON"));
        given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON).body("[1,2]")
                .when().put("/admin/routing")
                .then().statusCode(400).body("detail", equalTo("body must be a JSON object"));
    }

    @Test
    void shouldValidateTheAuditLimit() {
        given().get("/admin/routing/audit?limit=0").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("`limit` must be between 1 and 1000, but was 0"));
        given().get("/admin/routing/audit?limit=ten").then().statusCode(400);
    }

    @Test
    void shouldExposeWeightsAndTheAppliedRevisionAsMetrics() {
        long before = currentRevision();
        put(body("v1.2", "v1.3", 75, before, "canary 25%"), 200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("scoregate_routing_weight{model_version=\"v1.2\"} 75.0")
                .contains("scoregate_routing_weight{model_version=\"v1.3\"} 25.0")
                .contains("scoregate_routing_revision " + (before + 1) + ".0");
    }

    @Test
    void shouldReportTheStoreInReadinessAndTheRevisionInTheModelVersionsGroup() {
        long revision = currentRevision();
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'routing-store' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'routing-store' }.data.store", equalTo("file"))
                .body("checks.find { it.name == 'routing-store' }.data.storeState", equalTo("UP"));
        // the group as a whole is DOWN in the test profile (its broken artifact); the routing check is what is tested
        given().get("/q/health/group/model-versions").then()
                .body("checks.find { it.name == 'routing' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'routing' }.data.appliedRevision", equalTo((int) revision))
                .body("checks.find { it.name == 'routing' }.data.instanceId", notNullValue());
    }
}
