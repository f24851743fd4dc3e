package io.scoregate.gate.rollout;

import io.scoregate.gate.report.ReportSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reports of a rollout or rollback in the gate's four formats ({@code <command>-report.json}, {@code .md},
 * {@code .html}, {@code <command>-junit.xml}), the Markdown also appended to {@code $GITHUB_STEP_SUMMARY} when set:
 * the same {@link ReportSet} pattern as compare's and judge's reports.
 */
public final class RolloutReportWriter {

    private final ReportSet<RolloutReport> set;

    public RolloutReportWriter(Map<String, String> env) {
        var markdown = new RolloutMarkdownReport();
        this.set = new ReportSet<>(List.of(new RolloutJsonReport(), markdown, new RolloutHtmlReport(),
                new RolloutJunitReport()), markdown, name -> Optional.ofNullable(env.get(name)));
    }

    public List<Path> write(RolloutReport report, Path dir) throws IOException {
        return set.writeAll(report, dir);
    }
}
