package io.scoregate.gate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutReportWriterTest {

    @TempDir
    Path dir;

    private static RolloutReport rolledBack(String reason) {
        Instant t0 = Instant.parse("2026-11-24T07:00:00Z");
        var stable = new TimelineEntry.ArmNumbers("v1.2", 500, 100.0, 150.0, 0.0, 0.0);
        var candidate = new TimelineEntry.ArmNumbers("v1.3", 480, 750.0, 890.0, 0.8, 0.0);
        List<TimelineEntry> timeline = List.of(
                new TimelineEntry(t0, RolloutState.SHIFTING, 0, 1, Optional.empty(), Optional.empty(), "moving v1.3 to 5%"),
                new TimelineEntry(t0.plusSeconds(60), RolloutState.HOLDING, 5, 2, Optional.of(stable),
                        Optional.of(candidate), "BLOCK: timeouts"),
                new TimelineEntry(t0.plusSeconds(61), RolloutState.ROLLING_BACK, 0, -1, Optional.empty(),
                        Optional.empty(), reason));
        var step = new RollbackProcedure.Step("2. verify propagation", false, "instance-2 still applies revision 2",
                Duration.ofSeconds(10));
        return new RolloutReport("rollout", "ROLLED_BACK_REGRESSION", 1, reason, Optional.of("v1.3"), "v1.2",
                List.of(URI.create("http://a:8080")), t0, t0.plusSeconds(75), Optional.empty(), timeline,
                Optional.empty(), List.of(step));
    }

    @Test
    void writesFourFormatsAndAppendsTheSummaryForGithub() throws Exception {
        Path summary = Files.writeString(dir.resolve("summary.md"), "earlier step\n");

        var written = new RolloutReportWriter(Map.of("GITHUB_STEP_SUMMARY", summary.toString()))
                .write(rolledBack("v1.3 timed out"), dir.resolve("out"));

        assertThat(written).extracting(p -> p.getFileName().toString())
                .containsExactly("rollout-report.json", "rollout-report.md", "rollout-report.html", "rollout-junit.xml");
        assertThat(Files.readString(summary)).startsWith("earlier step\n").contains("**ROLLED_BACK_REGRESSION** (exit 1)");
        assertThat(Files.readString(dir.resolve("out/rollout-report.json")))
                .contains("\"outcome\" : \"ROLLED_BACK_REGRESSION\"").contains("\"meanMs\" : 750.0");
    }

    @Test
    void escapesWhatUsersWroteInHtmlAndXml() throws Exception {
        String hostile = "<script>alert(1)</script> \" & 'x' | y";
        new RolloutReportWriter(Map.of()).write(rolledBack(hostile), dir);

        String html = Files.readString(dir.resolve("rollout-report.html"));
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).contains("<svg").contains("polyline");
        // the JUnit file parses as XML and carries one failure per failed step plus the outcome
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("rollout-junit.xml").toFile());
        assertThat(doc.getElementsByTagName("failure").getLength()).isGreaterThanOrEqualTo(2);
        assertThat(Files.readString(dir.resolve("rollout-report.md"))).contains("\\| y");
    }

    @Test
    void shouldShowATargetsHtmlErrorMessageAsTextInMarkdown() throws Exception {
        // a staging target's error body ends up in a step's detail and in the reason: GitHub renders raw HTML
        String payload = "<img src=x onerror=alert(1)>";
        Instant t0 = Instant.parse("2026-11-24T07:00:00Z");
        var step = new RollbackProcedure.Step("1. write 0%", false, "http://a:8080 answered 500: " + payload
                + "\nforged | row", Duration.ofSeconds(1));
        var report = new RolloutReport("rollback", "FAILED", 5, "target said " + payload, Optional.of("v1.3"), "v1.2",
                List.of(URI.create("http://a:8080")), t0, t0.plusSeconds(2), Optional.empty(), List.of(),
                Optional.empty(), List.of(step));

        new RolloutReportWriter(Map.of()).write(report, dir);

        String md = Files.readString(dir.resolve("rollback-report.md"));
        assertThat(md).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("forged \\| row").doesNotContain("\nforged");
    }
}
