package io.scoregate.service.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 10, items 3 and 6, through the running service: routing.json at revision 8 (v1.3 at 25%) gets one
 * invalid UTF-8 byte. The service starts on it serving the last audited table at revision 8 (not 100% v1.2
 * at revision 1), says CORRUPTED (not DOWN), and both the admin PUT and the guard's rollback repair it with
 * the next revision.
 */
@QuarkusTest
@TestProfile(InvalidUtf8RoutingFileTest.BadByte.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InvalidUtf8RoutingFileTest {

    static final Path DIR = Path.of("target/test-data-invalid-utf8");
    private static final String TOKEN = "Bearer test-admin-token";

    @Inject
    RoutingService routing;

    public static class BadByte implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(DIR);
                try (var old = Files.list(DIR)) {
                    for (Path p : old.toList()) {
                        Files.delete(p);
                    }
                }
                FileRoutingStore store = new FileRoutingStore(DIR, Clock.systemUTC());
                RoutingTable first = RoutingTable.initial("v1.2", Instant.now());
                store.compareAndSet(RoutingStore.NO_TABLE, first,
                        new RoutingAuditEntry(first.updatedAt(), "bootstrap", "elsewhere", Optional.empty(), first,
                                first.reason()));
                for (long rev = 2; rev <= 7; rev++) {
                    writeCanaryThenBreakIt(store, rev, 5);
                }
                writeCanaryThenBreakIt(store, 8, 25);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("scoregate.data-dir", DIR.toString(), "scoregate.instance-id", "utf8-test");
        }
    }

    /** Another instance writes a canary at {@code revision}; then one byte of the file goes bad. */
    static RoutingTable writeCanaryThenBreakIt(FileRoutingStore store, long revision, int weight) throws IOException {
        RoutingTable canary = new RoutingTable(revision, "v1.2", Optional.of("v1.3"),
                Map.of("v1.2", 100 - weight, "v1.3", weight), Instant.now(), "alice", "canary " + weight + "%");
        RoutingAuditEntry entry = new RoutingAuditEntry(canary.updatedAt(), "alice", "elsewhere", Optional.empty(),
                canary, canary.reason());
        RoutingStore.CasOutcome outcome;
        try {
            outcome = store.compareAndSet(store.read().orElseThrow().revision(), canary, entry);
        } catch (RoutingStoreException e) {
            outcome = store.repair(e.corruption().orElseThrow(), canary, entry);
        }
        assertThat(outcome.applied()).isTrue();
        byte[] bytes = Files.readAllBytes(store.tablePath());
        int i = new String(bytes, StandardCharsets.UTF_8).indexOf("canary");
        bytes[i] = (byte) 0xFF;
        Files.write(store.tablePath(), bytes);
        return canary;
    }

    private long corruptedRevision;

    @BeforeEach
    void breakTheTableAgain() throws IOException {
        FileRoutingStore store = new FileRoutingStore(DIR, Clock.systemUTC());
        if (routing.current().revision() > 8) { // not the start-up state: a previous test repaired it
            writeCanaryThenBreakIt(store, routing.current().revision() + 1, 25);
        }
        corruptedRevision = FileRoutingStoreCorruptionTest.corruptionOf(store).revisionFloor();
    }

    @Test
    @Order(1)
    void shouldStartOnTheLastAuditedTableAndSayCorruptedNotDown() {
        given().get("/admin/routing").then().statusCode(200)
                .body("store.state", equalTo("CORRUPTED"))
                .body("store.detail", containsString("not UTF-8"))
                .body("revision", equalTo(8))
                .body("appliedRevision", equalTo(8))
                .body("weights.'v1.3'", equalTo(25));
        assertThat(corruptedRevision).isEqualTo(8);
    }

    @Test
    @Order(2)
    void shouldRepairByAnAdminPutWithTheNextRevision() {
        given().get("/admin/routing").then().statusCode(200)
                .body("store.state", equalTo("CORRUPTED"))
                .body("revision", equalTo((int) corruptedRevision));

        given().header("Authorization", TOKEN).header("X-Actor", "alice").contentType(ContentType.JSON)
                .body("{\"stable\":\"v1.2\",\"candidate\":\"v1.3\",\"weights\":{\"v1.2\":100,\"v1.3\":0},"
                        + "\"expectedRevision\":" + corruptedRevision + ",\"reason\":\"rollback: table was unreadable\"}")
                .when().put("/admin/routing")
                .then().statusCode(200)
                .body("revision", equalTo((int) corruptedRevision + 1))
                .body("appliedRevision", equalTo((int) corruptedRevision + 1))
                .body("store.state", equalTo("UP"));
        given().get("/admin/routing/audit?limit=1").then().statusCode(200)
                .body("entries[0].to.revision", equalTo((int) corruptedRevision + 1))
                .body("entries[0].reason", equalTo("rollback: table was unreadable"));
    }

    @Test
    @Order(3)
    void shouldLetTheGuardRollBackACandidateOnACorruptedStore() {
        ChangeResult result = routing.rollbackCandidate("v1.3", "guard@utf8-test",
                "automatic rollback by guard@utf8-test (rule error_rate)");

        assertThat(result).isInstanceOfSatisfying(ChangeResult.Applied.class, applied -> {
            assertThat(applied.table().revision()).isEqualTo(corruptedRevision + 1);
            assertThat(applied.table().weights()).isEqualTo(Map.of("v1.2", 100, "v1.3", 0));
        });
        assertThat(routing.storeStatus().state()).isEqualTo(StoreState.UP);
        assertThat(new FileRoutingStore(DIR, Clock.systemUTC()).read().map(RoutingTable::revision))
                .contains(corruptedRevision + 1);
        // a second look finds it rolled back and writes nothing
        assertThat(routing.rollbackCandidate("v1.3", "guard@utf8-test", "again"))
                .isInstanceOf(ChangeResult.Unchanged.class);
    }
}
