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
 * Every format of one kind of report, written into the report directory, and its Markdown appended to the file
 * named by {@code GITHUB_STEP_SUMMARY} when that is set (GitHub Actions shows it on the run's page). The
 * environment lookup is passed in so tests need not touch the real environment.
 *
 * @param <R> the report
 */
public final class ReportSet<R> {

    public static final String STEP_SUMMARY = "GITHUB_STEP_SUMMARY";

    private final List<ReportWriter<R>> writers;
    private final ReportWriter<R> summary;
    private final Function<String, Optional<String>> env;

    /** @param summary the writer whose content goes to the step summary (the Markdown one) */
    public ReportSet(List<ReportWriter<R>> writers, ReportWriter<R> summary, Function<String, Optional<String>> env) {
        this.writers = List.copyOf(writers);
        this.summary = summary;
        this.env = env;
    }

    public List<Path> writeAll(R report, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (ReportWriter<R> w : writers) {
            written.add(w.write(report, dir));
        }
        Optional<String> stepSummary = env.apply(STEP_SUMMARY).filter(s -> !s.isBlank());
        if (stepSummary.isPresent()) {
            Files.writeString(Path.of(stepSummary.get()), summary.content(report) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return written;
    }
}
