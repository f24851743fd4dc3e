package io.scoregate.gate.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scoregate.gate.cli.GateCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 14 as the on-call engineer runs it: {@code ci-gate analyze --log two-causes.jsonl --report-dir DIR},
 * through the real command line, every format read back from the files it wrote.
 */
class IncidentReportsTest {

    @TempDir
    static Path dir;
    static Path reports;
    static String text;

    @BeforeAll
    static void analyzeTheTwoCauseLog() throws Exception {
        Path log = IncidentLogGenerator.write(dir.resolve("two-causes.jsonl"),
                Scenarios.independentCauses(MultipleIncidentsTest.SLOW, MultipleIncidentsTest.FAIL, null),
                MultipleIncidentsTest.REQUESTS, 14, MultipleIncidentsTest.START, MultipleIncidentsTest.STEP_MS);
        reports = dir.resolve("reports");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = GateCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("analyze", "--log", log.toString(), "--report-dir", reports.toString());
        assertThat(code).isZero();
        assertThat(err.toString()).isEmpty();
        text = out.toString();
    }

    @Test
    void textNamesBothIncidentsInTimeOrderAndDismissesNeitherCause() throws Exception {
        assertThat(text).contains("2 incidents, in time order: 1. from 14:08:")
                .contains(", modelVersion=v6.1, latency")
                .contains("; 2. from 14:15:").contains(", lenderId=ke-lender-04, error rate");
        assertThat(text.indexOf("Incident 1: from 14:08")).isPositive()
                .isLessThan(text.indexOf("Incident 2: from 14:15"));
        String notCorrelated = text.substring(text.indexOf("Does not correlate"), text.indexOf("\nInput"));
        assertThat(notCorrelated).contains("endpoint:").contains("region:")
                .doesNotContain("lenderId").doesNotContain("modelVersion");
        assertThat(Files.readString(reports.resolve("analysis.txt"))).isEqualTo(text);
    }

    @Test
    void jsonListsTheIncidentsAndKeepsTheTopLevelFieldsAsTheFirstIncidents() throws Exception {
        JsonNode json = new ObjectMapper().readTree(reports.resolve("analysis.json").toFile());
        JsonNode incidents = json.get("incidents");
        assertThat(incidents).hasSize(2);
        assertThat(incidents.get(0).get("signal").asText()).isEqualTo("latency");
        assertThat(incidents.get(0).get("primaryCause").asText()).isEqualTo("modelVersion=v6.1");
        assertThat(incidents.get(0).get("startedAt").asText()).startsWith("2026-11-27T14:0");
        assertThat(incidents.get(1).get("signal").asText()).isEqualTo("errorRate");
        assertThat(incidents.get(1).get("startedAt").asText()).startsWith("2026-11-27T14:1");
        assertThat(incidents.get(1).get("suspects").get(0).get("value").asText()).isEqualTo("ke-lender-04");
        assertThat(incidents.get(1).get("notCorrelated").findValuesAsText("dimension")).doesNotContain("lenderId");
        // compatibility: today's fields are the first incident's
        assertThat(json.get("startedAt").asText()).isEqualTo(incidents.get(0).get("startedAt").asText());
        assertThat(json.get("primaryCause").asText()).isEqualTo("modelVersion=v6.1");
        assertThat(json.get("suspects").get(0).get("value").asText()).isEqualTo("v6.1");
        assertThat(json.get("notCorrelated").findValuesAsText("dimension")).doesNotContain("lenderId", "modelVersion");
    }

    @Test
    void htmlMarksEachIncidentOnTheChartAndMarkdownHasATablePerIncident() throws Exception {
        String html = Files.readString(reports.resolve("analysis.html"));
        assertThat(html.split("<line class=\"incident\"", -1)).hasSize(3);
        assertThat(html).contains("1. modelVersion=v6.1, latency").contains("2. lenderId=ke-lender-04, error rate")
                .doesNotContain("<script");
        String md = Files.readString(reports.resolve("analysis.md"));
        assertThat(md).contains("## Suspects of incident 1: from 14:0").contains("## Suspects of incident 2: from 14:1")
                .contains("| 1 | `lenderId=ke-lender-04` |");
    }
}
