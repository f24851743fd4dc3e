package io.scoregate.gate.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The verdict reports of {@code compare} and {@code judge}: JSON, Markdown (also the step summary), HTML, JUnit XML. */
public final class ReportWriters {

    public static final String STEP_SUMMARY = ReportSet.STEP_SUMMARY;

    private final Function<String, Optional<String>> env;
    private ReportSet<GateReport> set;

    public ReportWriters(Function<String, Optional<String>> env) {
        this.env = env;
    }

    public static ReportWriters fromSystemEnvironment() {
        return new ReportWriters(name -> Optional.ofNullable(System.getenv(name)));
    }

    public List<Path> writeAll(GateReport report, Path dir) throws IOException {
        return writers().writeAll(report, dir);
    }

    /**
     * Built on first use: every command is constructed when the command line is, and the writers' JSON
     * machinery cost every run (analyze included) about 0.2 s of start-up before the command even began.
     */
    private ReportSet<GateReport> writers() {
        if (set == null) {
            var markdown = new MarkdownReportWriter();
            set = new ReportSet<>(List.of(new JsonReportWriter(), markdown, new HtmlReportWriter(),
                    new JunitReportWriter()), markdown, env);
        }
        return set;
    }
}
