package io.scoregate.gate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.scoregate.gate.cli.ExitCode;
import io.scoregate.gate.corpus.SmeApplicationGenerator;
import io.scoregate.gate.prometheus.PrometheusClient;
import io.scoregate.gate.prometheus.PrometheusWindow;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code judge --prometheus} against a real Prometheus scraping a real packaged service: v1.3 carries the
 * Friday's drill (slow, and a third of its calls time out), so the window's histograms must BLOCK it; and the
 * ways Prometheus can fail the gate (down, a malformed selector, no series) must never read as a PASS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusJudgeEndToEndTest {

    /** A Wednesday morning in Nairobi: outside the default freeze, whenever the suite runs. */
    private static final String OPEN_WINDOW = "2026-11-25T10:00:00+03:00";
    private static final int PER_VERSION = 400;
    private static final String ADMIN_TOKEN = "prometheus-e2e-token";

    @TempDir
    static Path tmp;
    private PackagedService service;
    private PrometheusServer prometheus;

    @BeforeAll
    void startServiceAndPrometheus() throws Exception {
        service = PackagedService.start(tmp.resolve("service"), Map.of(
                "scoregate.drill.\"v1.3\".added-latency-ms", "120",
                "scoregate.drill.\"v1.3\".timeout-probability", "0.3",
                "scoregate.admin.token", ADMIN_TOKEN));
        prometheus = PrometheusServer.start(tmp.resolve("prometheus"), List.of(service.uri()));
        // one request per version first, scraped, so each series exists before the measured traffic: increase()
        // cannot count what a series held at its first sample
        send(1, "v1.2");
        send(1, "v1.3");
        awaitSeriesInPrometheus();
        send(PER_VERSION, "v1.2");
        send(PER_VERSION, "v1.3");
        // increase() is Prometheus' estimate: a series born during the traffic (v1.3's first timeout) loses what it
        // held at its first sample, so the window is awaited at 95% of what was sent, plenty for the judge
        awaitRequestsInPrometheus(PER_VERSION * 95 / 100);
    }

    @AfterAll
    void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (service != null) {
            service.close();
        }
    }


    @Test
    void shouldRollBackWithPrometheusAsTheEvidenceAndNeverBeStoppedByIt() throws Exception {
        Path token = tmp.resolve("admin-token");
        java.nio.file.Files.writeString(token, ADMIN_TOKEN);
        // Prometheus up: the table is written and verified; recovery is watched through Prometheus (no traffic
        // follows, so it may stay unconfirmed: 0 or 3, never an error)
        GateRun up = GateRun.of("rollback", "--targets", service.uri().toString(), "--metrics", "prometheus",
                "--prometheus", prometheus.uri().toString(), "--selector", "job=\"scoregate\"",
                "--admin-token-file", token.toString(), "--watch", "2s", "--report-dir", tmp.resolve("rb-up").toString());
        assertThat(up.code()).as(up.all()).isIn(ExitCode.PASS.code(), ExitCode.INCONCLUSIVE.code());
        // Prometheus down: the rollback is still applied (metrics never stand between the on-call and a rollback);
        // only its recovery stays unconfirmed
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        GateRun down = GateRun.of("rollback", "--targets", service.uri().toString(), "--metrics", "prometheus",
                "--prometheus", "http://127.0.0.1:" + closed, "--admin-token-file", token.toString(),
                "--watch", "2s", "--report-dir", tmp.resolve("rb-down").toString());
        assertThat(down.code()).as(down.all()).isEqualTo(ExitCode.INCONCLUSIVE.code());
        GateRun bad = GateRun.of("rollback", "--targets", service.uri().toString(), "--metrics", "prometheus",
                "--admin-token-file", token.toString(), "--report-dir", tmp.resolve("rb-bad").toString());
        assertThat(bad.code()).as(bad.all()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(bad.err()).contains("needs `--prometheus`");
    }

    private static GateRun judge(String... args) {
        List<String> all = new ArrayList<>(List.of("judge", "--baseline", "v1.2", "--candidate", "v1.3",
                "--now", OPEN_WINDOW));
        all.addAll(List.of(args));
        return GateRun.of(all.toArray(String[]::new));
    }

    @Test
    void shouldBlockTheFridaysCandidateFromPrometheusAlone() {
        Path report = tmp.resolve("block");
        GateRun run = judge("--prometheus", prometheus.uri().toString(), "--window", "10m",
                "--selector", "job=\"scoregate\"", "--report-dir", report.toString());
        assertThat(run.code()).as(run.all()).isEqualTo(ExitCode.BLOCK_REGRESSION.code());
        assertThat(report.resolve("gate-report.json")).content().contains("BLOCK").contains("Prometheus");
    }

    @Test
    void shouldSayInconclusiveWhenNoSeriesMatch() {
        GateRun run = judge("--prometheus", prometheus.uri().toString(), "--selector", "job=\"no-such-job\"",
                "--report-dir", tmp.resolve("none").toString());
        assertThat(run.code()).as(run.all()).isEqualTo(ExitCode.INCONCLUSIVE.code());
        assertThat(run.err()).contains("has no requests of v1.2").contains("has no requests of v1.3");
    }

    @Test
    void shouldRefuseAMalformedSelectorAsInvalidInput() {
        GateRun run = judge("--prometheus", prometheus.uri().toString(), "--selector", "job=~\"(\"",
                "--report-dir", tmp.resolve("bad").toString());
        assertThat(run.code()).as(run.all()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(run.err()).startsWith("ci-gate: Prometheus at ").contains("bad_data").hasLineCount(1);
        GateRun braces = judge("--prometheus", prometheus.uri().toString(), "--selector", "job=\"x\"} or vector(1) {",
                "--report-dir", tmp.resolve("bad2").toString());
        assertThat(braces.code()).as(braces.all()).isEqualTo(ExitCode.INVALID_INPUT.code());
    }

    @Test
    void shouldExitTargetUnavailableWhenPrometheusIsDown() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        GateRun run = judge("--prometheus", "http://127.0.0.1:" + closed, "--prometheus-timeout", "5s",
                "--report-dir", tmp.resolve("down").toString());
        assertThat(run.code()).as(run.all()).isEqualTo(ExitCode.TARGET_UNAVAILABLE.code());
        assertThat(run.err()).contains("did not answer").hasLineCount(1);
    }

    @Test
    void shouldRefuseBothOrNeitherSourceOfEvidence() {
        GateRun neither = judge("--report-dir", tmp.resolve("neither").toString());
        assertThat(neither.code()).as(neither.all()).isEqualTo(ExitCode.INVALID_INPUT.code());
        GateRun both = judge("--log", tmp.resolve("x.jsonl").toString(), "--prometheus", prometheus.uri().toString(),
                "--report-dir", tmp.resolve("both").toString());
        assertThat(both.code()).as(both.all()).isEqualTo(ExitCode.INVALID_INPUT.code());
    }

    private void send(int n, String version) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        var corpus = new SmeApplicationGenerator(version.hashCode());
        List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(service.uri().resolve("/risk-score"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("X-Model-Version", version)
                    .POST(HttpRequest.BodyPublishers.ofString(corpus.next().json())).build(),
                    HttpResponse.BodyHandlers.discarding()));
            if (calls.size() >= 32) { // at most 32 in flight: a lender's traffic, not a flood
                calls.remove(0).join();
            }
        }
        calls.forEach(CompletableFuture::join);
    }

    /** Until Prometheus has scraped a latency series of each version. */
    private void awaitSeriesInPrometheus() throws Exception {
        var client = new PrometheusClient(prometheus.uri(), Duration.ofSeconds(10));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            var versions = client.vector("sum by (model_version) (scoregate_request_duration_seconds_bucket"
                    + "{le=\"+Inf\"})", "requests").stream().map(s -> s.label("model_version")).toList();
            if (versions.contains("v1.2") && versions.contains("v1.3")) {
                return;
            }
            Thread.sleep(500); // waiting for the next scrape, not simulating work
        }
        throw new AssertionError("Prometheus scraped no latency series of v1.2 and v1.3 within 90 s");
    }

    /** Until Prometheus' window holds at least {@code n} requests of each version (it scrapes every second). */
    private void awaitRequestsInPrometheus(long n) throws Exception {
        var client = new PrometheusClient(prometheus.uri(), Duration.ofSeconds(10));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        long v12 = 0;
        long v13 = 0;
        while (System.nanoTime() < deadline) {
            var window = PrometheusWindow.read(client, "", Duration.ofMinutes(10));
            v12 = window.count("v1.2");
            v13 = window.count("v1.3");
            if (v12 >= n && v13 >= n) {
                return;
            }
            Thread.sleep(500); // waiting for the next scrape, not simulating work
        }
        throw new AssertionError("Prometheus saw " + v12 + " v1.2 and " + v13 + " v1.3 requests, want " + n);
    }
}
