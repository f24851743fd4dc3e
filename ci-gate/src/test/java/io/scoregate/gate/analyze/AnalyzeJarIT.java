package io.scoregate.gate.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged gate ({@code ci-gate/target/ci-gate.jar}, run by failsafe after {@code package}) on issue 14's
 * log, gzipped, in a 64 MB heap, as the on-call engineer runs it: two incidents in the JSON, and a one-line
 * exit 4 for a log that is not there. The deadline is generous for a loaded 2-core machine.
 */
class AnalyzeJarIT {

    private static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("ci-gate.jar", "target/ci-gate.jar"));
        assertThat(jar).as("the packaged gate: build it with ./mvnw -B -o package -pl ci-gate -am -DskipTests")
                .isRegularFile();
    }

    private record Run(int code, String out, String err) {
    }

    private Run analyze(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-jar", jar.toString(), "analyze"));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("analyze did not finish within 180 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theTwoCauseLogGzippedGivesTwoIncidentsInJson() throws Exception {
        Path log = IncidentLogGenerator.write(dir.resolve("two-causes.jsonl.gz"),
                Scenarios.independentCauses(MultipleIncidentsTest.SLOW, MultipleIncidentsTest.FAIL, null),
                MultipleIncidentsTest.REQUESTS, 14, MultipleIncidentsTest.START, MultipleIncidentsTest.STEP_MS);

        Run run = analyze("--log", log.toString(), "--format", "json");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("incidents").findValuesAsText("primaryCause"))
                .containsExactly("modelVersion=v6.1", "lenderId=ke-lender-04");
        assertThat(json.get("incidents").findValuesAsText("signal")).containsExactly("latency", "errorRate");
        assertThat(json.get("notCorrelated").findValuesAsText("dimension")).doesNotContain("lenderId");
        assertThat(json.get("input").get("validRecords").asInt()).isEqualTo(MultipleIncidentsTest.REQUESTS);
    }

    @Test
    void aMissingLogIsExit4WithOneLine() throws Exception {
        Run run = analyze("--log", dir.resolve("nope.jsonl").toString());

        assertThat(run.code()).isEqualTo(4);
        assertThat(run.err()).startsWith("ci-gate: cannot read the log").hasLineCount(1);
        assertThat(run.out()).isEmpty();
    }
}
