package io.scoregate.service.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** routing.json holds garbage at start: the service comes up, serves, says so, and a write repairs it. */
@QuarkusTest
@TestProfile(CorruptedRoutingFileTest.GarbageFile.class)
class CorruptedRoutingFileTest {

    static final Path DIR = Path.of("target/test-data-corrupted");

    public static class GarbageFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(DIR);
                try (var old = Files.list(DIR)) {
                    for (Path p : old.toList()) {
                        Files.delete(p);
                    }
                }
                Files.writeString(DIR.resolve("routing.json"), "{\"revision\": 12, \"stable\": \"v1.2\", \"wei");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("scoregate.data-dir", DIR.toString());
        }
    }

    @Test
    void shouldServeReportAndRepairACorruptedTable() throws Exception {
        // nothing readable but the broken file's own prefix: serve the initial table, but the store is at 12
        given().get("/admin/routing").then().statusCode(200)
                .body("stable", equalTo("v1.2"))
                .body("revision", equalTo(12))
                .body("appliedRevision", equalTo(1))
                .body("store.state", equalTo("CORRUPTED"))
                .body("store.detail", containsString("routing.json is corrupted"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'routing-store' }.data.storeState", equalTo("CORRUPTED"));

        // revisions never go back: a change built on the bootstrap table's revision 1 is refused ...
        given().header("Authorization", "Bearer test-admin-token").contentType(ContentType.JSON)
                .body("{\"stable\":\"v1.2\",\"weights\":{\"v1.2\":100},\"expectedRevision\":1,"
                        + "\"reason\":\"repair from an old view\"}")
                .when().put("/admin/routing")
                .then().statusCode(409).body("currentRevision", equalTo(12));
        // ... and the repair naming the revision GET showed gets 13
        given().header("Authorization", "Bearer test-admin-token").contentType(ContentType.JSON)
                .body("{\"stable\":\"v1.2\",\"weights\":{\"v1.2\":100},\"expectedRevision\":12,"
                        + "\"reason\":\"repair the corrupted table\"}")
                .when().put("/admin/routing")
                .then().statusCode(200).body("revision", equalTo(13)).body("store.state", equalTo("UP"));
        assertThat(Files.readString(DIR.resolve("routing.json"))).contains("repair the corrupted table");
        try (var files = Files.list(DIR)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("routing.json.corrupt-"));
        }
    }
}
