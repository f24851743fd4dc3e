package io.scoregate.gate.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One report format: its file name in the report directory and its content. */
public interface ReportWriter {

    String fileName();

    String content(GateReport report) throws IOException;

    /** Writes the report into {@code dir}; returns the file written. */
    default Path write(GateReport report, Path dir) throws IOException {
        Path file = dir.resolve(fileName());
        Files.writeString(file, content(report));
        return file;
    }
}
