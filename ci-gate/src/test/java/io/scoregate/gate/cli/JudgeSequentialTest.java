package io.scoregate.gate.cli;

import static io.scoregate.gate.cli.CliHarness.both;
import static io.scoregate.gate.cli.CliHarness.records;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scoregate.gate.accesslog.AccessLogRecord;
import io.scoregate.contract.Outcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code judge} on a log judges with anytime-valid evidence: a gross regression is blocked from a handful of
 * candidate requests against a healthy baseline (issue 9's targets), a handful of healthy ones is not, and a
 * job that judges a growing log again and again never sees a BLOCK turn back.
 */
class JudgeSequentialTest {

    static final String WEDNESDAY = "2026-11-25T12:00:00+03:00";
    private static final Instant START = Instant.parse("2026-11-25T08:00:00Z");

    @TempDir
    Path dir;
    Path log;
    Path reports;
    final CliHarness cli = new CliHarness();

    @BeforeEach
    void setUp() {
        log = dir.resolve("access.jsonl");
        reports = dir.resolve("reports");
    }

    private CliHarness.Result judge() {
        return cli.run("judge", "--log", log.toString(), "--baseline", "v1.2", "--candidate", "v1.3", "--report-dir",
                reports.toString(), "--now", WEDNESDAY);
    }

    private JsonNode report() throws Exception {
        return JudgeCommandTest.JSON.readTree(reports.resolve("gate-report.json").toFile());
    }

    /** {@code n} candidate requests, the first {@code timeouts} timed out, the next {@code errors} failed. */
    private static List<AccessLogRecord> candidate(int n, int timeouts, int errors, double medianMs, long seed) {
        Random r = new Random(seed);
        List<AccessLogRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Outcome s = i < timeouts ? Outcome.TIMEOUT : i < timeouts + errors ? Outcome.ERROR
                    : Outcome.OK;
            double ms = s == Outcome.TIMEOUT ? 500 : Math.rint(medianMs * Math.exp(0.3 * r.nextGaussian()));
            int http = s == Outcome.OK ? 200 : s == Outcome.TIMEOUT ? 504 : 500;
            out.add(new AccessLogRecord(START.plusSeconds(10L * i), "c-" + i, "lender-1", "/funding-approve", "v1.3",
                    ms, s, http));
        }
        return out;
    }

    private static List<AccessLogRecord> healthyBaseline() {
        return records("v1.2", 400, 20, 0, 0, 7);
    }

    @Test
    void shouldBlockEightTimeoutsInTenCandidateRequests() throws Exception {
        CliHarness.write(log, both(healthyBaseline(), candidate(10, 8, 0, 20, 1)));
        var r = judge();
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.BLOCK_REGRESSION.code());
        assertThat(r.err()).contains("timeout rate: 8 of 10 candidate requests").contains("e-value");
        var seq = report().get("sequential");
        assertThat(seq.get("firstCrossing").get("rule").asText()).isEqualTo("timeout-rate");
        assertThat(seq.get("rules").get(0).get("crossed").asBoolean()).isTrue();
    }

    @Test
    void shouldBlockFifteenRequestsSixTimesSlower() throws Exception {
        CliHarness.write(log, both(healthyBaseline(), candidate(15, 0, 0, 120, 2)));
        var r = judge();
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.BLOCK_REGRESSION.code());
        assertThat(r.err()).contains("p95 latency (tail share)");
    }

    @Test
    void shouldBlockSixErrorsInTwelve() throws Exception {
        CliHarness.write(log, both(healthyBaseline(), candidate(12, 0, 6, 20, 3)));
        var r = judge();
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.BLOCK_REGRESSION.code());
        assertThat(r.err()).contains("error rate: 6 of 12");
    }

    @Test
    void shouldNotBlockFifteenHealthyCandidateRequestsButSayHowLongAVerdictTakes() throws Exception {
        for (long seed = 10; seed < 20; seed++) {
            CliHarness.write(log, both(healthyBaseline(), candidate(15, 0, 0, 20, seed)));
            var r = judge();
            assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.INCONCLUSIVE.code());
        }
        var json = report();
        // 15 requests ten seconds apart: the observed rate is 0.1 requests/s
        assertThat(json.get("sequential").get("candidatePerSecond").asDouble()).isEqualTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(json.get("timeToVerdictSeconds").asLong()).isPositive();
        assertThat(json.get("reasons").toString()).contains("at the candidate's observed 0.10 requests/s");
    }

    @Test
    void shouldKeepABlockOnceAGrowingLogHasOne() throws Exception {
        // what a CI job polling a log sees: every longer prefix is at least as conclusive as a shorter one
        List<AccessLogRecord> all = both(healthyBaseline(), candidate(40, 30, 0, 20, 4));
        boolean blocked = false;
        for (int end = 400; end <= all.size(); end += 5) {
            CliHarness.write(log, all.subList(0, end));
            int code = judge().code();
            if (blocked) {
                assertThat(code).as("prefix of %d records", end).isEqualTo(ExitCode.BLOCK_REGRESSION.code());
            }
            blocked |= code == ExitCode.BLOCK_REGRESSION.code();
        }
        assertThat(blocked).isTrue();
    }

    @Test
    void shouldJudgeAPlannedRunWithTheFixedSampleRulesWhenAsked() throws Exception {
        CliHarness.write(log, both(records("v1.2", 1500, 100, 0, 0, 3), records("v1.3", 1500, 450, 0.3, 0, 4)));
        var r = cli.run("judge", "--log", log.toString(), "--baseline", "v1.2", "--candidate", "v1.3", "--report-dir",
                reports.toString(), "--now", WEDNESDAY, "--evidence", "fixed-sample");
        assertThat(r.code()).isEqualTo(ExitCode.BLOCK_REGRESSION.code());
        var bad = cli.run("judge", "--log", log.toString(), "--baseline", "v1.2", "--candidate", "v1.3",
                "--report-dir", reports.toString(), "--evidence", "sometimes");
        assertThat(bad.code()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(bad.err()).contains("`--evidence` must be sequential or fixed-sample, but was sometimes");
    }
}
