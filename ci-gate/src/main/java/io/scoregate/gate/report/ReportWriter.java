package io.scoregate.gate.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One format of one kind of report (a compare or judge verdict, a rollout or rollback): its file name in the report
 * directory and its content. Every report the gate writes is a {@link ReportSet} of these.
 *
 * @param <R> the report it renders
 */
public interface ReportWriter<R> {

    String fileName(R report);

    String content(R report) throws IOException;

    /** Writes the report into {@code dir}; returns the file written. */
    default Path write(R report, Path dir) throws IOException {
        Path file = dir.resolve(fileName(report));
        Files.writeString(file, content(report), StandardCharsets.UTF_8);
        return file;
    }
}
