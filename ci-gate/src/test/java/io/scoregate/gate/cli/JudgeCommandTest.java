package io.scoregate.gate.cli;

import static io.scoregate.gate.cli.CliHarness.both;
import static io.scoregate.gate.cli.CliHarness.records;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgeCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String FRIDAY_EVENING = "2026-11-27T18:06:00+03:00";
    static final String WEDNESDAY = "2026-11-25T12:00:00+03:00";

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

    JsonNode report() throws Exception {
        return JSON.readTree(reports.resolve("gate-report.json").toFile());
    }

    CliHarness.Result judge(String... extra) {
        String[] base = {"judge", "--log", log.toString(), "--baseline", "v1.2", "--candidate", "v1.3", "--report-dir",
                reports.toString()};
        String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return cli.run(all);
    }

    @Test
    void sameBehaviourPassesWritesEveryReportAndTheStepSummary() throws Exception {
        CliHarness.write(log, both(records("v1.2", 3000, 100, 0, 0, 1), records("v1.3", 3000, 100, 0, 0, 2)));
        Path summary = dir.resolve("summary.md");
        Files.writeString(summary, "earlier step\n");
        cli.env.put("GITHUB_STEP_SUMMARY", summary.toString());
        var r = judge("--now", WEDNESDAY);
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("PASS (exit 0): Every rule is within its limit");
        var json = report();
        assertThat(json.get("verdict").asText()).isEqualTo("PASS");
        assertThat(json.get("exitCode").asInt()).isZero();
        assertThat(json.get("arms").get("baseline").get("requests").asLong()).isEqualTo(3000);
        assertThat(json.get("arms").get("candidate").get("p95Ms").isNumber()).isTrue();
        assertThat(json.get("metrics")).hasSize(6);
        assertThat(json.get("metrics").get(0).get("classification").asText()).isEqualTo("WITHIN");
        assertThat(json.get("window").get("frozen").asBoolean()).isFalse();
        assertThat(reports.resolve("gate-report.md")).exists();
        assertThat(reports.resolve("gate-report.html")).exists();
        // freeze window, six fixed-sample rules, three anytime-valid rules
        assertThat(Files.readString(reports.resolve("gate-junit.xml"))).contains("tests=\"10\" failures=\"0\"");
        assertThat(Files.readString(summary)).startsWith("earlier step\n## Gate: :white_check_mark: PASS");
    }

    @Test
    void slowTimingOutCandidateBlocksWithOneSentenceOnStderr() throws Exception {
        CliHarness.write(log, both(records("v1.2", 1500, 100, 0, 0, 3), records("v1.3", 1500, 450, 0.3, 0, 4)));
        var r = judge("--now", WEDNESDAY);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("ci-gate: BLOCK: Candidate ").doesNotContain("Exception").hasLineCount(1);
        var json = report();
        assertThat(json.get("verdict").asText()).isEqualTo("BLOCK");
        assertThat(json.get("exitCode").asInt()).isEqualTo(1);
        assertThat(json.get("metrics").findValuesAsText("classification")).contains("EXCEEDS");
        assertThat(Files.readString(reports.resolve("gate-junit.xml"))).contains("<failure type=\"BLOCK\"");
        assertThat(Files.readString(reports.resolve("gate-report.html"))).contains("<svg").contains("BLOCK");
    }

    @Test
    void fridayEveningIsFrozenAndTheReportsSaySo() throws Exception {
        CliHarness.write(log, both(records("v1.2", 1000, 100, 0, 0, 5), records("v1.3", 1000, 100, 0, 0, 6)));
        var r = judge("--now", FRIDAY_EVENING);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("frozen by weekend freeze").contains("until 2026-11-30T03:00:00Z");
        var json = report();
        assertThat(json.get("verdict").asText()).isEqualTo("BLOCK");
        assertThat(json.get("exitCode").asInt()).isEqualTo(2);
        assertThat(json.get("window").get("frozen").asBoolean()).isTrue();
        assertThat(json.get("window").get("until").asText()).isEqualTo("2026-11-30T03:00:00Z");
    }

    @Test
    void overrideLetsTheJudgementThroughAndIsRecordedEverywhere() throws Exception {
        CliHarness.write(log, both(records("v1.2", 3000, 100, 0, 0, 7), records("v1.3", 3000, 100, 0, 0, 8)));
        var r = judge("--now", FRIDAY_EVENING, "--override-approver", "Achieng <ops>", "--override-reason",
                "lender outage fix", "--override-ticket", "INC-7");
        assertThat(r.code()).isEqualTo(0);
        var o = report().get("window").get("override");
        assertThat(o.get("approver").asText()).isEqualTo("Achieng <ops>");
        assertThat(o.get("ticket").asText()).isEqualTo("INC-7");
        assertThat(Files.readString(reports.resolve("gate-report.md"))).contains("**Override** by Achieng &lt;ops&gt;: lender outage fix (ticket INC-7)");
        assertThat(Files.readString(reports.resolve("gate-report.html"))).contains("Achieng &lt;ops&gt;").doesNotContain("Achieng <ops>");
    }

    @Test
    void malformedLinesAndOtherVersionsAreCountedNotFatal() throws Exception {
        CliHarness.write(log, both(records("v1.2", 3000, 100, 0, 0, 9),
                both(records("v1.3", 3000, 100, 0, 0, 10), records("v1.1", 50, 100, 0, 0, 11))),
                "{not json", "{\"timestamp\":\"2026-11-25T08:00:00Z\",\"modelVersion\":\"v1.3\"}", "");
        var r = judge("--now", WEDNESDAY);
        assertThat(r.code()).isEqualTo(0);
        var input = report().get("input");
        assertThat(input.get("malformedLines").asLong()).isEqualTo(2);
        assertThat(input.get("otherVersionLines").asLong()).isEqualTo(50);
        assertThat(input.get("malformedExamples").get(1).asText()).contains("missing latencyMs");
    }

    @Test
    void tooLittleEvidenceIsInconclusive() throws Exception {
        CliHarness.write(log, both(records("v1.2", 40, 100, 0, 0, 12), records("v1.3", 40, 100, 0, 0, 13)));
        var r = judge("--now", WEDNESDAY);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).startsWith("ci-gate: INCONCLUSIVE: Too few requests to judge: 40 in the smaller arm");
        assertThat(report().get("moreRequestsPerArm").asLong()).isEqualTo(160);
    }

    @Test
    void versionsWithMarkupAreEscapedInHtmlAndXml() throws Exception {
        CliHarness.write(log, records("v1.2", 300, 100, 0, 0, 14));
        var r = cli.run("judge", "--log", log.toString(), "--baseline", "v1.2", "--candidate", "<script>alert(1)</script>",
                "--report-dir", reports.toString(), "--now", WEDNESDAY);
        assertThat(r.code()).isEqualTo(3);
        assertThat(Files.readString(reports.resolve("gate-report.html"))).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(Files.readString(reports.resolve("gate-junit.xml"))).doesNotContain("<script>");
    }

    @Test
    void badInputIsExitFourWithOneSentence() throws Exception {
        var missing = judge("--now", WEDNESDAY);
        assertThat(missing.code()).isEqualTo(4);
        assertThat(missing.err()).isEqualTo("ci-gate: The access log " + log + " does not exist or is not a file.\n");

        CliHarness.write(log, records("v1.2", 10, 100, 0, 0, 15));
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "thresholds:\n  errorRate: 2\n");
        var bad = judge("--policy", policy.toString());
        assertThat(bad.code()).isEqualTo(4);
        assertThat(bad.err()).isEqualTo("ci-gate: `thresholds.errorRate` must be between 0.0001 and 0.9999, but was 2\n");

        var half = judge("--override-approver", "someone");
        assertThat(half.code()).isEqualTo(4);
        assertThat(half.err()).contains("needs both `--override-approver` and `--override-reason`");

        var now = judge("--now", "friday evening");
        assertThat(now.code()).isEqualTo(4);
        assertThat(now.err()).contains("`--now` must be an ISO-8601 instant");

        CliHarness.write(log, records("v1.2", 10, 100, 0, 0, 16));
        Files.writeString(dir.resolve("a-file"), "x");
        var unwritable = cli.run("judge", "--log", log.toString(), "--baseline", "v1.2", "--candidate", "v1.3",
                "--report-dir", dir.resolve("a-file").resolve("reports").toString(), "--now", WEDNESDAY);
        assertThat(unwritable.code()).isEqualTo(4);
        assertThat(unwritable.err()).startsWith("ci-gate: The reports cannot be written to ").hasLineCount(1);

        var flag = judge("--bogus");
        assertThat(flag.code()).isEqualTo(4);
        assertThat(flag.err()).startsWith("ci-gate: Unknown option: '--bogus'")
                .contains("(run 'ci-gate judge --help' for usage)").hasLineCount(1);
    }
}
