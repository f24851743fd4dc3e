package io.scoregate.gate.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes every format into the report directory, and appends the Markdown to the file named by
 * {@code GITHUB_STEP_SUMMARY} when that is set. The environment lookup is passed in so tests need not
 * touch the real environment.
 */
public final class ReportWriters {

    public static final String STEP_SUMMARY = "GITHUB_STEP_SUMMARY";

    private final List<ReportWriter> writers = List.of(new JsonReportWriter(), new MarkdownReportWriter(),
            new HtmlReportWriter(), new JunitReportWriter());
    private final Function<String, Optional<String>> env;

    public ReportWriters(Function<String, Optional<String>> env) {
        this.env = env;
    }

    public static ReportWriters fromSystemEnvironment() {
        return new ReportWriters(name -> Optional.ofNullable(System.getenv(name)));
    }

    public List<Path> writeAll(GateReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (ReportWriter w : writers) {
            written.add(w.write(report, dir));
        }
        Optional<String> summary = env.apply(STEP_SUMMARY).filter(s -> !s.isBlank());
        if (summary.isPresent()) {
            Files.writeString(Path.of(summary.get()), MarkdownReportWriter.render(report) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return written;
    }
}
