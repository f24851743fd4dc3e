package io.scoregate.gate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AnalyzeCommandTest {

    /** The seed write-up's eight requests (same as SeedIncident in the analyze tests). */
    static final List<String> SEED = List.of(
            "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"requestId\":\"r1\",\"lenderId\":\"KE-L1\",\"endpoint\":\"/risk-score\",\"modelVersion\":\"v1.2\",\"latencyMs\":120,\"status\":\"OK\",\"httpStatus\":200}",
            "{\"timestamp\":\"2026-11-27T18:06:00Z\",\"requestId\":\"r2\",\"lenderId\":\"KE-L2\",\"endpoint\":\"/funding-approve\",\"modelVersion\":\"v1.3\",\"latencyMs\":750,\"status\":\"TIMEOUT\",\"httpStatus\":504}",
            "{\"timestamp\":\"2026-11-27T18:06:30Z\",\"requestId\":\"r3\",\"lenderId\":\"KE-L3\",\"endpoint\":\"/funding-approve\",\"modelVersion\":\"v1.2\",\"latencyMs\":90,\"status\":\"OK\",\"httpStatus\":200}",
            "{\"timestamp\":\"2026-11-27T18:07:15Z\",\"requestId\":\"r4\",\"lenderId\":\"KE-L1\",\"endpoint\":\"/risk-score\",\"modelVersion\":\"v1.3\",\"latencyMs\":890,\"status\":\"TIMEOUT\",\"httpStatus\":504}",
            "{\"timestamp\":\"2026-11-27T18:07:45Z\",\"requestId\":\"r5\",\"lenderId\":\"KE-L3\",\"endpoint\":\"/funding-approve\",\"modelVersion\":\"v1.3\",\"latencyMs\":680,\"status\":\"OK\",\"httpStatus\":200}",
            "{\"timestamp\":\"2026-11-27T18:08:20Z\",\"requestId\":\"r6\",\"lenderId\":\"KE-L2\",\"endpoint\":\"/risk-score\",\"modelVersion\":\"v1.2\",\"latencyMs\":110,\"status\":\"OK\",\"httpStatus\":200}",
            "{\"timestamp\":\"2026-11-27T18:09:00Z\",\"requestId\":\"r7\",\"lenderId\":\"KE-L3\",\"endpoint\":\"/risk-score\",\"modelVersion\":\"v1.3\",\"latencyMs\":820,\"status\":\"TIMEOUT\",\"httpStatus\":504}",
            "{\"timestamp\":\"2026-11-27T18:09:40Z\",\"requestId\":\"r8\",\"lenderId\":\"KE-L1\",\"endpoint\":\"/funding-approve\",\"modelVersion\":\"v1.3\",\"latencyMs\":790,\"status\":\"TIMEOUT\",\"httpStatus\":504}");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path seed;

    @BeforeEach
    void writeSeed() throws IOException {
        seed = Files.write(dir.resolve("access.jsonl"), SEED);
    }

    private int run(String... args) {
        CommandLine cl = GateCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void textSummaryNamesV13AsPrimaryCauseAndEndpointAsNotCorrelated() {
        int code = run("analyze", "--log", seed.toString());

        assertThat(code).isEqualTo(ExitCode.PASS.code());
        assertThat(out.toString())
                .contains("Primary cause: modelVersion=v1.3")
                .contains("18:06:00 - degradation starts")
                .contains("Strength of evidence: weak")
                .contains("Does not correlate")
                .contains("endpoint: degraded share after the change is similar across values")
                .contains("modelVersion v1.2: 3 requests, 90-120 ms")
                .contains("modelVersion v1.3: 5 requests, 680-890 ms");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void jsonHasStartedAtRankedSuspectsAndNotCorrelated() throws IOException {
        int code = run("analyze", "--log", seed.toString(), "--format", "json");

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("startedAt").asText()).isEqualTo("2026-11-27T18:06:00Z");
        JsonNode first = json.get("suspects").get(0);
        assertThat(first.get("dimension").asText()).isEqualTo("modelVersion");
        assertThat(first.get("value").asText()).isEqualTo("v1.3");
        assertThat(first.get("score").asDouble()).isBetween(0.1, 1.0);
        assertThat(first.get("evidence").get("insideAfter").get("failed").asInt()).isEqualTo(4);
        assertThat(json.get("notCorrelated").findValuesAsText("dimension")).contains("endpoint");
        assertThat(json.get("evidenceStrength").asText()).isEqualTo("WEAK");
        assertThat(json.get("input").get("validRecords").asInt()).isEqualTo(8);
    }

    @Test
    void htmlIsSelfContainedWithAnSvgChart() {
        int code = run("analyze", "--log", seed.toString(), "--format", "html");

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("<!DOCTYPE html>").contains("<svg").contains("modelVersion=v1.3")
                .doesNotContain("<script").doesNotContain("http://cdn").doesNotContain("src=");
    }

    @Test
    void reportDirGetsEveryFormat() throws IOException {
        Path reports = dir.resolve("reports");
        int code = run("analyze", "--log", seed.toString(), "--format", "markdown", "--report-dir", reports.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("# Incident analysis").contains("| 1 | `modelVersion=v1.3` |");
        assertThat(reports.resolve("analysis.json")).isNotEmptyFile();
        assertThat(reports.resolve("analysis.md")).isNotEmptyFile();
        assertThat(reports.resolve("analysis.txt")).content().contains("Primary cause: modelVersion=v1.3");
        assertThat(reports.resolve("analysis.html")).content().contains("<svg");
    }

    @Test
    void severalFilesOneGzippedAreMergedAndBadLinesReported() throws IOException {
        Path first = Files.write(dir.resolve("a.jsonl"), List.of(SEED.get(0), SEED.get(2), "{broken", SEED.get(4), SEED.get(6)));
        Path second = dir.resolve("b.jsonl.gz");
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(second))) {
            os.write(String.join("\n", SEED.get(1), SEED.get(3), SEED.get(5), SEED.get(7)).getBytes());
        }
        int code = run("analyze", "--log", first.toString(), "--log", second.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Primary cause: modelVersion=v1.3")
                .contains("9 lines in 2 file(s)").contains("8 valid, 1 malformed")
                .contains("Malformed: a.jsonl line 3: not valid JSON");
    }

    @Test
    void missingFileIsInvalidInputWithOneSentence() {
        int code = run("analyze", "--log", dir.resolve("nope.jsonl").toString());

        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).startsWith("ci-gate: cannot read the log").contains("nope.jsonl")
                .hasLineCount(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void fileWithoutAnyValidLineIsInvalidInput() throws IOException {
        Path bad = Files.write(dir.resolve("bad.jsonl"), List.of("hello", "{\"timestamp\":\"x\"}"));
        int code = run("analyze", "--log", bad.toString());

        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).startsWith("ci-gate: no valid access-log line in 2 lines").hasLineCount(1);
    }

    @Test
    void unknownFormatIsInvalidInput() {
        int code = run("analyze", "--log", seed.toString(), "--format", "pdf");

        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString().trim())
                .isEqualTo("ci-gate: `--format` must be one of text, json, markdown, html, but was pdf.");
    }

    @Test
    void missingLogFlagIsInvalidInput() {
        int code = run("analyze");

        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("Missing required option: '--log=FILE'");
    }
}
