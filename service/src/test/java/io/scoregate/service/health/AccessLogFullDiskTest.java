package io.scoregate.service.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.scoregate.service.rest.Bodies;
import io.scoregate.service.rest.MetricLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The access log on a full disk, through the real server: the log directory is a 64 KiB tmpfs mounted by the
 * test (needs root; skipped where mounting is refused; AccessLogWriterTest covers a failing path without root).
 */
@QuarkusTest
@TestProfile(AccessLogFullDiskTest.SmallDisk.class)
class AccessLogFullDiskTest {

    static final Path DISK = Path.of("target/small-disk").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean mounted;

    public static class SmallDisk implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scoregate.access-log.path", DISK.resolve("access.jsonl").toString());
        }
    }

    @BeforeAll
    static void mountSmallDisk() throws Exception {
        Files.createDirectories(DISK);
        mounted = run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", DISK.toString());
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted) {
            // lazily: the shared Quarkus test app still holds the access log open, and a plain umount failed,
            // leaving the tmpfs mounted under target/ (and a clone that `rm -rf` could not remove)
            run("umount", "-l", DISK.toString());
        }
    }

    @Test
    void shouldCountEveryLostLineReportDownUntilTheDiskFreesAndNeverTearALine() throws Exception {
        assumeThat(mounted).as("mounting a 64 KiB tmpfs (needs root)").isTrue();
        int requests = 600; // about 200 bytes a line: 120 KB for a 64 KiB disk
        double droppedBefore = dropped();
        for (int i = 0; i < requests; i++) {
            given().contentType("application/json").body(Bodies.json(Bodies.valid()))
                    .when().post("/risk-score").then().statusCode(200); // lenders are still served
        }
        JsonPath down = awaitAccounted(requests);
        // The check is UP after each write that succeeds, and a batch of a line or two can still fit into the
        // space a larger failed batch freed when it was cut back (seen in CI on a fast machine, where the writer
        // drains a line or two at a time): one request at a time until the full disk refuses the last write.
        for (int extra = 0; extra < 100 && !"DOWN".equals(down.getString("status")); extra++) {
            given().contentType("application/json").body(Bodies.json(Bodies.valid()))
                    .when().post("/risk-score").then().statusCode(200);
            requests++;
            down = awaitAccounted(requests);
        }
        assertThat(down.getString("status")).isEqualTo("DOWN");
        assertThat(down.getString("data.lastError")).isEqualTo("cannot write access.jsonl: No space left on device");
        int written = completeLines();
        assertThat(written).isPositive().isLessThan(requests).isEqualTo(down.getInt("data.linesWritten"));
        assertThat(dropped() - droppedBefore).isEqualTo(requests - written);
        given().when().get("/q/health/live").then().statusCode(200); // no restart loop for a full disk

        assertThat(run("mount", "-o", "remount,size=1m", DISK.toString())).isTrue(); // the disk frees
        for (int i = 0; i < 20; i++) {
            given().contentType("application/json").body(Bodies.json(Bodies.valid()))
                    .when().post("/risk-score").then().statusCode(200);
        }
        JsonPath up = awaitAccounted(requests + 20);
        assertThat(up.getString("status")).isEqualTo("UP");
        assertThat(completeLines()).isEqualTo(written + 20);
        given().when().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'access-log-file' }.status", equalTo("UP"));
    }

    /** The access-log-file check once the writer has written or dropped {@code lines} lines in all. */
    private static JsonPath awaitAccounted(int lines) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            JsonPath check = JsonPath.from(given().when().get("/q/health/well").asString())
                    .setRootPath("checks.find { it.name == 'access-log-file' }");
            if (check.getLong("data.linesWritten") + check.getLong("data.linesDropped") >= lines
                    || System.nanoTime() > deadline) {
                assertThat(check.getLong("data.linesWritten") + check.getLong("data.linesDropped"))
                        .isEqualTo(lines);
                return check;
            }
            Thread.sleep(50); // waiting for the writer thread, not simulating work
        }
    }

    private static double dropped() {
        return MetricLines.value("scoregate_access_log_dropped_total{reason=\"write_failed\"}")
                + MetricLines.value("scoregate_access_log_dropped_total{reason=\"queue_full\"}");
    }

    /** Lines in the file, each checked to be a whole JSON object, the last one ending in a newline. */
    private static int completeLines() throws Exception {
        String text = Files.readString(DISK.resolve("access.jsonl"));
        assertThat(text).endsWith("\n");
        String[] lines = text.split("\n");
        for (String line : lines) {
            assertThat(JSON.readTree(line).get("requestId")).as(line).isNotNull();
        }
        return lines.length;
    }

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
