package io.scoregate.gate.analyze.report;

import io.scoregate.gate.analyze.IncidentAnalysis;
import java.io.IOException;
import java.io.Writer;

/** The human summary printed by default. */
public final class TextAnalysisWriter implements AnalysisWriter {

    @Override
    public void write(IncidentAnalysis a, Writer out) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append(AnalysisNarrative.title(a)).append("\n\n");
        b.append(AnalysisNarrative.headline(a)).append('\n');
        b.append(AnalysisNarrative.strength(a)).append('\n');
        for (var section : AnalysisNarrative.sections(a)) {
            b.append('\n').append(section.title()).append('\n');
            for (String item : section.items()) {
                b.append("  - ").append(item).append('\n');
            }
        }
        out.write(b.toString());
        out.flush();
    }
}
