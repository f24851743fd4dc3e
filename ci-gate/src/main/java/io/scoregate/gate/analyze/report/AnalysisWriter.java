package io.scoregate.gate.analyze.report;

import io.scoregate.gate.analyze.IncidentAnalysis;
import java.io.IOException;
import java.io.Writer;

/** Renders an analysis in one format. */
public interface AnalysisWriter {

    void write(IncidentAnalysis analysis, Writer out) throws IOException;
}
