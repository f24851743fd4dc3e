package io.scoregate.gate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scoregate.gate.cli.ExitCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rollout} and {@code rollback} against real packaged service instances sharing one real Redis routing
 * store (started by .ci/run on 127.0.0.1:6399, or SCOREGATE_TEST_REDIS_PORT), with lender traffic flowing.
 * The instances' own guards are off here, so what is tested is the gate's judgement, not theirs.
 */
class RolloutEndToEndTest {

    private static final String TOKEN = "e2e-admin-token";
    private static final String OPEN_WINDOW = "2026-11-25T10:00:00+03:00";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Both versions get a drill latency of about 20 ms: it stands in for a model's compute time, so the
     * comparison is not at the mercy of a 2-core machine's scheduling noise around 1 ms.
     */
    private static final Map<String, String> MODEL_TIME = Map.of(
            "scoregate.drill.\"v1.2\".added-latency-ms", "20", "scoregate.drill.\"v1.2\".added-latency-spread", "0.2",
            "scoregate.drill.\"v1.3\".added-latency-ms", "20", "scoregate.drill.\"v1.3\".added-latency-spread", "0.2");

    @TempDir
    Path tmp;
    private RedisFleet instances;

    @BeforeAll
    static void requireRedis() {
        RedisFleet.requireRedis();
    }

    @AfterEach
    void stopInstances() throws Exception {
        if (instances != null) {
            instances.close();
        }
    }

    private List<URI> fleet(int n, Map<String, String> extra) throws Exception {
        instances = new RedisFleet(tmp, TOKEN);
        Map<String, String> props = new HashMap<>(MODEL_TIME);
        props.put("scoregate.guard.enabled", "false");
        props.putAll(extra);
        return instances.start(n, "instance", props);
    }

    private GateRun gate(String... args) throws IOException {
        Path token = Files.writeString(tmp.resolve("token"), TOKEN);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--admin-token-file", token.toString()));
        return GateRun.of(all.toArray(String[]::new));
    }

    private static String targets(List<URI> uris) {
        return String.join(",", uris.stream().map(URI::toString).toList());
    }

    private static JsonNode routing(URI instance) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(instance.resolve("/admin/routing")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    @Test
    void shouldPromoteAHealthyCandidateOnEveryInstance() throws Exception {
        List<URI> fleet = fleet(2, Map.of());
        PinnedWarmup.warm(fleet);
        GateRun run;
        try (var traffic = new SteadyTraffic(fleet, 150)) {
            run = gate("rollout", "--targets", targets(fleet), "--candidate", "v1.3", "--steps", "50,100",
                    "--hold", "4s", "--check-interval", "1s", "--warmup", "2s", "--max-hold", "90s",
                    "--now", OPEN_WINDOW,
                    "--report-dir", tmp.resolve("reports").toString());
            traffic.close();
            assertThat(traffic.transportFailures()).as("requests refused or dropped: %s of %d: %s%n%s",
                    traffic.transportFailures(), traffic.sent(), traffic.failureSummary(), run.all()).isZero();
        }

        assertThat(run.code()).as(run.all()).isEqualTo(ExitCode.PASS.code());
        assertThat(run.err()).isEmpty();
        for (URI instance : fleet) {
            JsonNode table = routing(instance);
            assertThat(table.path("stable").asText()).isEqualTo("v1.3");
            assertThat(table.path("appliedRevision").asLong()).isEqualTo(table.path("revision").asLong());
        }
        assertThat(tmp.resolve("reports/rollout-report.html")).content().contains("PROMOTED").contains("<svg");
    }

    @Test
    void shouldRollBackACandidateThatIsSlowAndTimesOut() throws Exception {
        List<URI> fleet = fleet(2, Map.of(
                "scoregate.drill.\"v1.3\".added-latency-ms", "60",
                "scoregate.drill.\"v1.3\".timeout-probability", "0.10"));
        GateRun run;
        Map<Integer, Long> answers;
        try (var traffic = new SteadyTraffic(fleet, 150)) {
            run = gate("rollout", "--targets", targets(fleet), "--candidate", "v1.3", "--steps", "50,100",
                    "--hold", "20s", "--check-interval", "1s", "--warmup", "2s", "--max-hold", "60s",
                    "--now", OPEN_WINDOW,
                    "--report-dir", tmp.resolve("reports").toString());
            traffic.close();
            answers = traffic.byStatus();
            // the README's "requests failed during a rollback under load" figure
            System.out.println("rollback-under-load: sent=" + traffic.sent() + " answers=" + answers
                    + " transportFailures=" + traffic.transportFailures());
            assertThat(traffic.transportFailures()).as("requests refused or dropped: %s of %d: %s%n%s",
                    traffic.transportFailures(), traffic.sent(), traffic.failureSummary(), run.all()).isZero();
            assertThat(answers.values().stream().mapToLong(Long::longValue).sum()).as("every request answered")
                    .isEqualTo(traffic.sent());
        }

        assertThat(run.code()).as(run.all()).isEqualTo(ExitCode.BLOCK_REGRESSION.code());
        assertThat(run.err()).contains("ROLLED_BACK_REGRESSION");
        // only scored answers and the drill's deliberate 504s: nothing else went wrong while the table changed
        assertThat(answers.keySet()).as("HTTP statuses seen: %s", answers).containsAnyOf(200).allMatch(s -> s == 200 || s == 504);
        for (URI instance : fleet) {
            JsonNode table = routing(instance);
            assertThat(table.path("stable").asText()).isEqualTo("v1.2");
            assertThat(table.path("weights").path("v1.2").asInt()).isEqualTo(100);
            assertThat(table.path("appliedRevision").asLong()).isEqualTo(table.path("revision").asLong());
        }
    }

    @Test
    void shouldRollBackTheFridaysCandidateAtFivePercentAfterAFewOfItsRequests() throws Exception {
        // the Friday's v1.3: 700 ms added to a 500 ms deadline, so every one of its requests times out (a 504)
        List<URI> fleet = fleet(3, Map.of(
                "scoregate.drill.\"v1.3\".added-latency-ms", "700",
                "scoregate.drill.\"v1.3\".timeout-probability", "0.8"));
        GateRun run;
        Map<Integer, Long> answers;
        try (var traffic = new SteadyTraffic(fleet, 40)) {
            run = gate("rollout", "--targets", targets(fleet), "--candidate", "v1.3", "--steps", "5,50,100",
                    "--hold", "60s", "--check-interval", "1s", "--now", OPEN_WINDOW,
                    "--report-dir", tmp.resolve("reports").toString());
            traffic.close();
            answers = traffic.byStatus();
        }
        long candidateRequests = instances.linesOf("v1.3");
        // the README's "Friday at 5%, real fleet" figure
        System.out.println("rollout-friday-5pct: answers=" + answers + " v1.3 requests=" + candidateRequests);

        assertThat(run.code()).as(run.all()).isEqualTo(ExitCode.BLOCK_REGRESSION.code());
        assertThat(run.err()).contains("ROLLED_BACK_REGRESSION").contains("e-value");
        assertThat(candidateRequests).as(run.all()).isPositive().isLessThanOrEqualTo(15);
        for (URI instance : fleet) {
            assertThat(routing(instance).path("weights").path("v1.3").asInt()).isZero();
        }
    }

    @Test
    void shouldNameTheInstanceThatDidNotApplyARollback() throws Exception {
        List<URI> fleet = fleet(2, Map.of());
        // an instance pointed at the wrong store: it serves, but never sees the shared table
        var stray = PackagedService.start(tmp.resolve("stray"), Map.of("scoregate.instance-id", "stray-instance",
                "scoregate.admin.token", TOKEN, "scoregate.guard.enabled", "false"));
        instances.add(stray);
        var put = HttpRequest.newBuilder(fleet.get(0).resolve("/admin/routing"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"stable\":\"v1.2\",\"candidate\":\"v1.3\","
                        + "\"weights\":{\"v1.2\":90,\"v1.3\":10},\"expectedRevision\":"
                        + routing(fleet.get(0)).path("revision").asLong() + ",\"reason\":\"canary\"}")).build();
        assertThat(HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        List<URI> all = new ArrayList<>(fleet);
        all.add(stray.uri());
        GateRun run = gate("rollback", "--targets", targets(all), "--propagation-timeout", "3s", "--watch", "0s",
                "--report-dir", tmp.resolve("reports").toString());

        assertThat(run.code()).as(run.all()).isEqualTo(ExitCode.TARGET_UNAVAILABLE.code());
        assertThat(run.err()).contains("stray-instance").doesNotContain("instance-0 (").doesNotContain("Exception");
        assertThat(run.out()).contains("1. route 100% to v1.2").contains("2. verify propagation");
        for (URI instance : fleet) {
            assertThat(routing(instance).path("weights").path("v1.3").asInt()).isZero();
        }
    }
}
