package io.scoregate.gate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scoregate.gate.load.GeneratorOverloadedException;
import io.scoregate.gate.load.LoadPlan;
import io.scoregate.gate.load.LoadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare --capacity} through the real command line, with a fake {@link io.scoregate.gate.load.LoadRunner}
 * at the load boundary: a service where each version answers in 5 ms up to its capacity and times out past it.
 */
class CompareCapacityCommandTest {

    @TempDir
    Path dir;
    final CliHarness cli = new CliHarness();
    final List<LoadPlan> plans = new ArrayList<>();

    CliHarness.Result capacity(String... extra) {
        List<String> args = new ArrayList<>(List.of("compare", "--capacity", "--target", "http://localhost:18080",
                "--baseline", "v1.2", "--candidate", "v1.3", "--report-dir", dir.resolve("out").toString(),
                "--now", CompareCommandTest.WEDNESDAY, "--rate", "50", "--duration", "1s", "--warmup", "0s"));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    /** Each plan is one version alone (on both of the runner's arms): answered by that version's capacity. */
    void service(Map<String, Double> capacity, double generatorLimit) {
        cli.runner = (plan, progress) -> {
            plans.add(plan);
            if (plan.ratePerSecond() > generatorLimit) {
                throw new GeneratorOverloadedException("The load generator could not keep to its schedule.");
            }
            boolean overloaded = plan.ratePerSecond() > capacity.get(plan.baseline());
            var recs = CliHarness.records(plan.baseline(), (int) plan.measuredCount(), overloaded ? 900 : 5, 0, 0,
                    plans.size());
            return new LoadResult(recs, 0, recs.size(), 0, Duration.ofMillis(1), Duration.ofSeconds(1));
        };
    }

    @Test
    void aCandidateThatSaturatesEarlyIsBlockedAndEveryReportCarriesTheCurves() throws Exception {
        service(Map.of("v1.2", 1000.0, "v1.3", 60.0), Double.MAX_VALUE);

        var r = capacity("--capacity-max-rate", "400", "--capacity-factor", "2");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.BLOCK_REGRESSION.code());
        assertThat(r.out()).startsWith("BLOCK (exit 1): Candidate v1.3 failed its capacity SLO at 100 req/s while "
                + "baseline v1.2 sustained");
        assertThat(r.err()).contains("Capacity: up to 4 step(s) from 50 to 400 req/s (x2 each)")
                .contains("step 2/4 candidate v1.3 at 100 req/s: p95");
        assertThat(plans).allMatch(p -> p.baseline().equals(p.candidate()) && p.measuredCount() >= 473);
        var json = new ObjectMapper().readTree(dir.resolve("out/gate-report.json").toFile());
        var c = json.get("capacity");
        assertThat(c.get("verdict").asText()).isEqualTo("BLOCK");
        assertThat(c.get("candidate").get("failedAtPerSecond").asDouble()).isEqualTo(100);
        assertThat(c.get("baseline").get("sustainedPerSecond").asDouble()).isEqualTo(400);
        assertThat(c.get("steps")).hasSize(4);
        assertThat(c.get("steps").get(0).get("baseline").get("p95Ms").asDouble()).isBetween(1.0, 20.0);
        assertThat(c.get("steps").get(2).get("candidate").isNull()).isTrue();
        assertThat(json.get("exitCode").asInt()).isEqualTo(1);
        assertThat(dir.resolve("out/gate-report.md")).content().contains("**Capacity**")
                .contains("| 100 | ").contains("EXCEEDS");
        assertThat(dir.resolve("out/gate-report.html")).content().contains("<h2>Capacity</h2>")
                .contains("aria-label=\"p95 latency of both versions at each arrival rate\"").contains("objective p95");
        assertThat(dir.resolve("out/gate-junit.xml")).content()
                .contains("name=\"capacity within 0.8 x the baseline&#39;s\"").contains("type=\"BLOCK\"");
        assertThat(dir.resolve("out/capacity/step-01-baseline.jsonl")).isRegularFile();
        assertThat(dir.resolve("out/capacity/step-02-candidate.jsonl")).isRegularFile();
    }

    @Test
    void aGeneratorThatRunsOutFirstIsInconclusive() throws Exception {
        service(Map.of("v1.2", 1000.0, "v1.3", 1000.0), 150);

        var r = capacity("--capacity-factor", "2");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.INCONCLUSIVE.code());
        assertThat(r.out()).contains("The load generator, not the service, ran out at 200 req/s")
                .contains("only lower bounds");
        assertThat(plans.get(plans.size() - 1).ratePerSecond()).isEqualTo(200);
    }

    @Test
    void twoEqualVersionsPassUpToTheCeiling() {
        service(Map.of("v1.2", 1000.0, "v1.3", 1000.0), Double.MAX_VALUE);

        var r = capacity("--capacity-max-rate", "200", "--capacity-factor", "2");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.PASS.code());
        assertThat(plans).hasSize(6);
    }

    @Test
    void badCapacityFlagsAndPolicyAreInvalidInputBeforeAnyLoad() throws Exception {
        // the harness's default runner fails the test if called
        assertThat(capacity("--requests", "500").err())
                .isEqualTo("ci-gate: `--requests` does not apply to --capacity; `--duration` sets each version's time "
                        + "per step.\n");
        assertThat(capacity("--capacity-factor", "1").err())
                .isEqualTo("ci-gate: `--capacity-factor` must be above 1 and at most 10, but was 1.0\n");
        assertThat(capacity("--capacity-max-rate", "1e6").code()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(capacity("--capacity-steps", "0").code()).isEqualTo(ExitCode.INVALID_INPUT.code());
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "capacity: {minRatio: 1.5}\n");
        var r = capacity("--policy", policy.toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(r.err()).isEqualTo("ci-gate: `capacity.minRatio` must be between 0.001 and 1, but was 1.5\n");
    }

    @Test
    void aCapacityFlagWithoutCapacityIsRefused() {
        var r = cli.run("compare", "--target", "http://localhost:18080", "--baseline", "v1.2", "--candidate", "v1.3",
                "--report-dir", dir.resolve("out").toString(), "--capacity-steps", "3");
        assertThat(r.code()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(r.err()).isEqualTo("ci-gate: `--capacity-steps` needs `--capacity`.\n");
    }

    @Test
    void aFreezeBlocksBeforeAnyStep() {
        var r = cli.run("compare", "--capacity", "--target", "http://localhost:18080", "--baseline", "v1.2",
                "--candidate", "v1.3", "--report-dir", dir.resolve("out").toString(), "--now",
                "2026-11-27T18:06:00+03:00", "--rate", "50");
        assertThat(r.code()).isEqualTo(ExitCode.BLOCK_FREEZE.code());
    }
}
