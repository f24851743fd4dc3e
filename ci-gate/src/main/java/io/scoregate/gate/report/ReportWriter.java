package io.scoregate.gate.report;

import java.io.IOException;
import java.nio.file.Path;

/** Writes one report format into the report directory; returns the file written. */
public interface ReportWriter {

    Path write(GateReport report, Path dir) throws IOException;
}
