package io.scoregate.service.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scoregate.service.rest.Bodies;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ModelVersionHealthTest {

    @TestHTTPResource("/risk-score")
    URL riskScore;

    @Test
    void shouldHaveOneCheckPerVersionInTheGroup() {
        given().when().get("/q/health/group/model-versions").then()
                .body("checks.name", hasItems("model-version v1.2", "model-version v1.3", "model-version broken"))
                .body("checks.find { it.name == 'model-version v1.2' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'model-version v1.2' }.data.loaded", equalTo(true))
                // weights come from TrafficRouter.current(); whatever the table, v1.2 and v1.3 share the 100
                .body("checks.findAll { it.name in ['model-version v1.2', 'model-version v1.3'] }.data.weight.sum()",
                        equalTo(100));
    }

    @Test
    void shouldReportAVersionThatFailedToLoadAsDownWithTheReason() {
        given().when().get("/q/health/group/model-versions").then().statusCode(503)
                .body("checks.find { it.name == 'model-version broken' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'model-version broken' }.data.loaded", equalTo(false))
                .body("checks.find { it.name == 'model-version broken' }.data.reason",
                        containsString("not loaded: "))
                .body("checks.find { it.name == 'model-version broken' }.data.reason",
                        containsString("not valid JSON"));
    }

    @Test
    void shouldMarkATimingOutVersionDownWithoutMakingThePodUnready() throws Exception {
        // 25 concurrent requests pinned to the version whose drill times out every call (min-requests is 20)
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create(riskScore.toString()))
                    .header("Content-Type", "application/json").header("X-Model-Version", "drill-timeout")
                    .POST(HttpRequest.BodyPublishers.ofString(Bodies.validJson())).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            if (call.get().statusCode() != 504) {
                throw new AssertionError("expected 504, got " + call.get().statusCode());
            }
        }
        given().when().get("/q/health/group/model-versions").then()
                .body("checks.find { it.name == 'model-version drill-timeout' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'model-version drill-timeout' }.data.timeoutRate", equalTo("1.0"))
                .body("checks.find { it.name == 'model-version drill-timeout' }.data.reason",
                        containsString("timeout rate 1.000 is above the limit of 0.050"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'stable-model-version' }.data.stable", anyOf(equalTo("v1.2"),
                        equalTo("v1.3")));
    }

    @Test
    void shouldBeLiveWhileTheAccessLogWriterRuns() {
        given().when().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'access-log-writer' }.status", equalTo("UP"));
    }
}
