package io.scoregate.gate.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The verdict reports of {@code compare} and {@code judge}: JSON, Markdown (also the step summary), HTML, JUnit XML. */
public final class ReportWriters {

    public static final String STEP_SUMMARY = ReportSet.STEP_SUMMARY;

    private final ReportSet<GateReport> set;

    public ReportWriters(Function<String, Optional<String>> env) {
        var markdown = new MarkdownReportWriter();
        this.set = new ReportSet<>(List.of(new JsonReportWriter(), markdown, new HtmlReportWriter(),
                new JunitReportWriter()), markdown, env);
    }

    public static ReportWriters fromSystemEnvironment() {
        return new ReportWriters(name -> Optional.ofNullable(System.getenv(name)));
    }

    public List<Path> writeAll(GateReport report, Path dir) throws IOException {
        return set.writeAll(report, dir);
    }
}
