package io.scoregate.gate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scoregate.gate.cli.ExitCode;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rollback --targets dns+http://name:port} against instances on several loopback addresses behind one name
 * with several A records, the way a Kubernetes headless Service lists its pods. The name comes from the system
 * resolver: .ci/run writes it into /etc/hosts (127.0.0.1, 127.0.0.2 and 127.0.0.3); on a machine without those
 * lines the tests are skipped with the lines to add.
 */
class DnsTargetsEndToEndTest {

    /** The name .ci/run gives three loopback addresses; a {@code .test} name (RFC 2606) never leaves the machine. */
    static final String FLEET_NAME = "scoregate-fleet.test";
    private static final String TOKEN = "e2e-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;
    private RedisFleet fleet;

    @BeforeAll
    static void requireRedis() {
        RedisFleet.requireRedis();
    }

    @AfterEach
    void stop() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
    }

    /** The addresses the system resolver gives the fleet name, or the test is skipped with the fix. */
    private static List<String> fleetAddresses() {
        List<String> addresses;
        try {
            addresses = Arrays.stream(InetAddress.getAllByName(FLEET_NAME)).map(InetAddress::getHostAddress)
                    .distinct().sorted().toList();
        } catch (UnknownHostException e) {
            addresses = List.of();
        }
        assumeTrue(addresses.size() >= 3 && addresses.stream().allMatch(a -> a.startsWith("127.")),
                "needs " + FLEET_NAME + " on three loopback addresses; bash .ci/run adds them, or add to /etc/hosts: "
                        + "'127.0.0.1 " + FLEET_NAME + "', '127.0.0.2 " + FLEET_NAME + "', '127.0.0.3 " + FLEET_NAME
                        + "' (resolved: " + addresses + ")");
        return addresses;
    }

    @Test
    void shouldRollBackAndVerifyEveryInstanceTheNameLists() throws Exception {
        List<String> addresses = fleetAddresses();
        int port = PackagedService.freePort();
        fleet = new RedisFleet(tmp, TOKEN);
        List<URI> instances = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            instances.add(fleet.startAt(addresses.get(i), port, "pod-" + i, Map.of("scoregate.guard.enabled", "false")));
        }
        canary(instances.get(0));

        GateRun run = rollback(port);

        assertThat(run.code()).as(run.all()).isEqualTo(ExitCode.PASS.code());
        // only the name was given: the gate found, changed and verified every address behind it
        assertThat(run.out()).contains("all " + instances.size() + " instances apply revision");
        for (int i = 0; i < instances.size(); i++) {
            assertThat(routing(instances.get(i)).path("weights").path("v1.3").asInt()).as("pod-%d", i).isZero();
        }
    }

    @Test
    void shouldNameThePodBehindTheNameThatDidNotApplyTheRollback() throws Exception {
        List<String> addresses = fleetAddresses();
        int port = PackagedService.freePort();
        fleet = new RedisFleet(tmp, TOKEN);
        URI first = fleet.startAt(addresses.get(0), port, "pod-0", Map.of("scoregate.guard.enabled", "false"));
        fleet.startAt(addresses.get(1), port, "pod-1", Map.of("scoregate.guard.enabled", "false"));
        // the third address: a pod that serves, but on its own in-memory table, never seeing the shared store
        fleet.add(PackagedService.startAt(addresses.get(2), port, tmp.resolve("stray"), Map.of(
                "scoregate.instance-id", "stray-pod", "scoregate.admin.token", TOKEN,
                "scoregate.guard.enabled", "false")));
        canary(first);

        GateRun run = rollback(port);

        // only the name was given; the stray pod was found through it, and named
        assertThat(run.code()).as(run.all()).isEqualTo(ExitCode.TARGET_UNAVAILABLE.code());
        assertThat(run.err()).contains("stray-pod").doesNotContain("Exception");
    }

    private GateRun rollback(int port) throws Exception {
        Path token = Files.writeString(tmp.resolve("token"), TOKEN);
        return GateRun.of("rollback", "--targets", "dns+http://" + FLEET_NAME + ":" + port,
                "--propagation-timeout", "10s", "--watch", "0s", "--admin-token-file", token.toString(),
                "--report-dir", tmp.resolve("reports").toString());
    }

    private static void canary(URI instance) throws Exception {
        var put = HttpRequest.newBuilder(instance.resolve("/admin/routing")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"stable\":\"v1.2\",\"candidate\":\"v1.3\","
                        + "\"weights\":{\"v1.2\":90,\"v1.3\":10},\"expectedRevision\":"
                        + routing(instance).path("revision").asLong() + ",\"reason\":\"canary\"}")).build();
        assertThat(HTTP.send(put, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private static JsonNode routing(URI instance) throws Exception {
        var get = HttpRequest.newBuilder(instance.resolve("/admin/routing")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKEN).GET().build();
        return JSON.readTree(HTTP.send(get, HttpResponse.BodyHandlers.ofString()).body());
    }
}
