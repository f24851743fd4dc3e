package io.scoregate.gate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scoregate.gate.judge.Arm;
import io.scoregate.gate.judge.Judge;
import io.scoregate.gate.judge.Policy;
import io.scoregate.gate.judge.Verdict;
import io.scoregate.gate.stats.CensoredSample;
import io.scoregate.gate.window.FreezeCalendar;
import io.scoregate.gate.window.FreezeSchedule;
import io.scoregate.gate.window.FreezeOverride;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWritersTest {

    static Arm arm(String v, int n, double median, long errors, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.rint(median * Math.exp(0.3 * r.nextGaussian()));
        }
        return new Arm(v, n, 0, errors, 0, CensoredSample.of(x));
    }

    static GateReport report(Arm b, Arm c, String approver) {
        var j = Judge.standard().judge(b, c, Policy.DEFAULT);
        var w = new FreezeCalendar(FreezeSchedule.DEFAULT).check(Instant.parse("2026-11-27T15:06:00Z"),
                Optional.of(new FreezeOverride(approver, "reason & \"quotes\"", Optional.empty())));
        return new GateReport(j.verdict(), j.verdict() == Verdict.BLOCK ? 1 : 3, j.reasons(), b.version(), c.version(),
                "log <file>.jsonl", w.at(), w, Optional.of(j), 1, List.of("line 3: not valid JSON"), 0,
                Optional.of(new LoadFigures(2000, 1990, 100, 10, java.time.Duration.ofMillis(12), java.time.Duration.ofSeconds(5))),
                Optional.empty());
    }

    @Test
    void htmlIsSelfContainedVerdictFirstAndEscaped() {
        var r = report(arm("v1.2", 1000, 100, 0, 1), arm("v1.3\"><img src=x onerror=alert(1)>", 1000, 300, 0, 2), "<b>eve</b>");
        String html = HtmlReportWriter.render(r);
        assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://").doesNotContainPattern("<[^>]*\\s(src|href)=").doesNotContain("url(")
                .doesNotContain("<img").doesNotContain("<b>eve").contains("&lt;b&gt;eve&lt;/b&gt;")
                .contains("<svg").contains("<polyline");
        assertThat(html.indexOf("class=\"verdict\"")).isLessThan(html.indexOf("<h2>Why</h2>"));
        assertThat(html.indexOf("<h2>Why</h2>")).isLessThan(html.indexOf("<svg"));
        assertThat(html.indexOf("<svg")).isLessThan(html.indexOf("<h2>Rules</h2>"));
    }

    @Test
    void junitXmlIsWellFormedWithOneCasePerRuleAndFailuresForBlocks() throws Exception {
        var r = report(arm("v1.2", 1000, 100, 0, 3), arm("v1.3 <&>", 1000, 300, 0, 4), "ops");
        String xml = JunitReportWriter.render(r);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(7);
        var failures = doc.getElementsByTagName("failure");
        assertThat(failures.getLength()).isGreaterThanOrEqualTo(2);
        assertThat(failures.item(0).getAttributes().getNamedItem("type").getNodeValue()).isEqualTo("BLOCK");
        var props = doc.getElementsByTagName("property");
        boolean approver = false;
        for (int i = 0; i < props.getLength(); i++) {
            var a = props.item(i).getAttributes();
            approver |= a.getNamedItem("name").getNodeValue().equals("override.approver")
                    && a.getNamedItem("value").getNodeValue().equals("ops");
        }
        assertThat(approver).isTrue();
    }

    @Test
    void jsonWritesNullNotNaNAndRecordsTheOverride(@TempDir Path dir) throws Exception {
        var empty = new Arm("v1.3", 0, 0, 500, 0, CensoredSample.of(new double[0]));
        var r = report(arm("v1.2", 500, 100, 0, 5), empty, "ops");
        var files = new ReportWriters(name -> Optional.empty()).writeAll(r, dir.resolve("nested/reports"));
        assertThat(files).hasSize(4).allMatch(Files::exists);
        String text = Files.readString(dir.resolve("nested/reports/gate-report.json"));
        assertThat(text).doesNotContain("NaN");
        var json = new ObjectMapper().readTree(text);
        assertThat(json.get("arms").get("candidate").get("meanMs").isNull()).isTrue();
        assertThat(json.get("window").get("override").get("reason").asText()).isEqualTo("reason & \"quotes\"");
        assertThat(json.get("input").get("malformedLines").asLong()).isEqualTo(1);
        assertThat(json.get("load").get("transportFailures").asLong()).isEqualTo(10);
        assertThat(json.get("load").get("maxScheduleLagMs").asLong()).isEqualTo(12);
    }

    @Test
    void markdownKeepsTablesIntactWithPipesInUserText() {
        var r = report(arm("v1.2", 1000, 100, 0, 6), arm("v|1.3", 1000, 100, 0, 7), "a|b");
        String md = MarkdownReportWriter.render(r);
        assertThat(md).contains("`v\\|1.3`").contains("**Override** by a\\|b");
        assertThat(md.lines().filter(l -> l.startsWith("| ")).count()).isEqualTo(1 + 6 + 1 + 2);
    }

    @Test
    void markdownShowsHtmlFromUsersAndTargetsAsText() {
        var r = report(arm("v1.2", 1000, 100, 0, 8), arm("v1.3", 1000, 100, 0, 9), "<img src=x onerror=alert(1)>");
        String md = MarkdownReportWriter.render(r);
        assertThat(md).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("reason &amp; \"quotes\"").contains("log &lt;file&gt;.jsonl");
    }
}
