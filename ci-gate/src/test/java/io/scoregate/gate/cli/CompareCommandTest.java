package io.scoregate.gate.cli;

import static io.scoregate.gate.cli.CliHarness.both;
import static io.scoregate.gate.cli.CliHarness.records;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scoregate.gate.accesslog.AccessLogReader;
import io.scoregate.gate.accesslog.AccessLogWriter;
import io.scoregate.gate.load.LoadPlan;
import io.scoregate.gate.load.LoadResult;
import io.scoregate.gate.load.TargetUnreachableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare with a fake {@link io.scoregate.gate.load.LoadRunner} at the load boundary; everything else is real. */
class CompareCommandTest {

    static final String WEDNESDAY = "2026-11-25T12:00:00+03:00";

    @TempDir
    Path dir;
    final CliHarness cli = new CliHarness();
    final AtomicReference<LoadPlan> seen = new AtomicReference<>();

    CliHarness.Result compare(String... extra) {
        List<String> args = new ArrayList<>(List.of("compare", "--target", "http://localhost:18080", "--baseline", "v1.2",
                "--candidate", "v1.3", "--report-dir", dir.resolve("out").toString()));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    void runnerReturns(List<io.scoregate.gate.accesslog.AccessLogRecord> recs) {
        cli.runner = (plan, progress) -> {
            seen.set(plan);
            progress.onProgress(recs.size(), recs.size(), recs.size(), 0);
            return new LoadResult(recs, 100, recs.size(), 0, Duration.ofMillis(3), Duration.ofSeconds(10));
        };
    }

    @Test
    void frozenWithoutOverrideBlocksWithoutSendingLoad() throws Exception {
        // the default runner of the harness fails the test if called
        var r = compare("--now", "2026-11-27T18:06:00+03:00");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("ci-gate: BLOCK: Promotion is frozen by weekend freeze");
        var json = new ObjectMapper().readTree(dir.resolve("out/gate-report.json").toFile());
        assertThat(json.get("exitCode").asInt()).isEqualTo(2);
        assertThat(json.get("source").asText()).isEqualTo("http://localhost:18080");
        assertThat(dir.resolve("out/requests.jsonl")).doesNotExist();
    }

    @Test
    void passingRunKeepsEveryRequestSoJudgeRecomputesTheSameVerdict() throws Exception {
        var recs = both(records("v1.2", 3000, 100, 0, 0, 21), records("v1.3", 3000, 100, 0, 0, 22));
        runnerReturns(recs);
        var r = compare("--now", WEDNESDAY, "--rate", "250", "--requests", "6000", "--warmup", "2s", "--timeout", "800ms",
                "--seed", "42", "--endpoints", "/risk-score");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.err()).contains("load: sent 6000/6000, completed 6000 (100%), failed 0");
        var plan = seen.get();
        assertThat(plan.ratePerSecond()).isEqualTo(250);
        assertThat(plan.requests().getAsLong()).isEqualTo(6000);
        assertThat(plan.duration()).isEmpty();
        assertThat(plan.warmup()).isEqualTo(Duration.ofSeconds(2));
        assertThat(plan.requestTimeout()).isEqualTo(Duration.ofMillis(800));
        assertThat(plan.seed()).isEqualTo(42);
        assertThat(plan.endpoints()).containsExactly("/risk-score");
        Path requests = dir.resolve("out/requests.jsonl");
        assertThat(plan.accessLog()).contains(requests);
        var lines = new ArrayList<io.scoregate.gate.accesslog.AccessLogRecord>();
        var summary = AccessLogReader.read(requests, lines::add);
        assertThat(summary.records()).isEqualTo(6000);
        assertThat(summary.malformed()).isZero();

        var again = cli.run("judge", "--log", requests.toString(), "--baseline", "v1.2", "--candidate", "v1.3",
                "--report-dir", dir.resolve("again").toString(), "--now", WEDNESDAY);
        assertThat(again.code()).isEqualTo(0);
        var first = new ObjectMapper().readTree(dir.resolve("out/gate-report.json").toFile()).get("metrics");
        var second = new ObjectMapper().readTree(dir.resolve("again/gate-report.json").toFile()).get("metrics");
        assertThat(second).isEqualTo(first);
        var load = new ObjectMapper().readTree(dir.resolve("out/gate-report.json").toFile()).get("load");
        assertThat(load.get("warmupRequests").asLong()).isEqualTo(100);
        assertThat(load.get("maxScheduleLagMs").asLong()).isEqualTo(3);
    }

    @Test
    void defaultsAreTheSimulatedRunLength() {
        runnerReturns(both(records("v1.2", 300, 100, 0, 0, 23), records("v1.3", 300, 100, 0, 0, 24)));
        compare("--now", WEDNESDAY);
        var plan = seen.get();
        assertThat(plan.requests().getAsLong()).isEqualTo(32_000);
        assertThat(plan.ratePerSecond()).isEqualTo(400);
        assertThat(plan.endpoints()).containsExactly("/risk-score", "/funding-approve");
        assertThat(plan.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aLogTheRunnerAlreadyWroteIsKept() throws Exception {
        var recs = both(records("v1.2", 300, 100, 0, 0, 25), records("v1.3", 300, 100, 0, 0, 26));
        cli.runner = (plan, progress) -> {
            try (var w = AccessLogWriter.create(plan.accessLog().orElseThrow())) {
                w.write(recs.get(0));
            }
            return new LoadResult(recs, 0, recs.size(), 0, Duration.ZERO, Duration.ofSeconds(1));
        };
        compare("--now", WEDNESDAY, "--duration", "90s");
        assertThat(Files.readAllLines(dir.resolve("out/requests.jsonl"))).hasSize(1);
    }

    @Test
    void blockingCandidateExitsOne() {
        runnerReturns(both(records("v1.2", 2000, 100, 0, 0, 27), records("v1.3", 2000, 100, 0, 0.08, 28)));
        var r = compare("--now", WEDNESDAY);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("error rate");
    }

    @Test
    void unreachableTargetIsExitFiveWithOneSentence() {
        cli.runner = (plan, progress) -> {
            throw new TargetUnreachableException("connection refused at http://localhost:18080/risk-score.");
        };
        var r = compare("--now", WEDNESDAY);
        assertThat(r.code()).isEqualTo(5);
        assertThat(r.err()).isEqualTo("ci-gate: the target http://localhost:18080 is unavailable: connection refused at "
                + "http://localhost:18080/risk-score.\n");
    }

    @Test
    void badFlagsAreExitFourBeforeAnyLoad() {
        assertThat(compare("--rate", "0").err()).isEqualTo("ci-gate: `--rate` must be between 1 and 100000, but was 0\n");
        assertThat(compare("--duration", "90s", "--requests", "100").err())
                .isEqualTo("ci-gate: Give either `--duration` or `--requests`, not both.\n");
        assertThat(compare("--timeout", "soon").err())
                .isEqualTo("ci-gate: `--timeout` must be a duration such as 500ms, 90s, 2m or PT2M, but was soon\n");
        var overflow = compare("--duration", "99999999999999999999s");
        assertThat(overflow.code()).isEqualTo(4);
        assertThat(overflow.err()).isEqualTo("ci-gate: `--duration` must be a duration such as 500ms, 90s, 2m or PT2M, "
                + "but was 99999999999999999999s\n");
        assertThat(compare("--duration", "48h").err())
                .isEqualTo("ci-gate: `--duration` must be between 1ms and 24h, but was 48h\n");
        assertThat(compare("--rate", "100000", "--duration", "24h").err()).startsWith("ci-gate: A run may hold at most ");
        var target = cli.run("compare", "--target", "localhost", "--baseline", "v1.2", "--candidate", "v1.3",
                "--report-dir", dir.toString());
        assertThat(target.code()).isEqualTo(4);
        assertThat(target.err()).contains("`--target` must be an http(s) URL");
        assertThat(compare("--requests-file", dir.resolve("nope.jsonl").toString()).code()).isEqualTo(4);
    }
}
