package io.scoregate.gate.analyze.report;

import io.scoregate.gate.analyze.Incident;
import io.scoregate.gate.analyze.IncidentAnalysis;
import io.scoregate.gate.analyze.Suspect;
import io.scoregate.gate.report.Format;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The analysis as a Markdown page (for a pull request or an incident ticket). */
public final class MarkdownAnalysisWriter implements AnalysisWriter {

    @Override
    public void write(IncidentAnalysis a, Writer out) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(esc(AnalysisNarrative.title(a))).append("\n\n");
        b.append("**").append(esc(AnalysisNarrative.headline(a))).append("**\n\n");
        b.append(esc(AnalysisNarrative.strength(a))).append("\n");
        for (Incident i : a.shown()) {
            if (i.suspects().isEmpty()) {
                continue;
            }
            b.append(a.incidents().size() > 1 ? "\n## Suspects of incident " + esc(AnalysisNarrative.title(i))
                    .replaceFirst("^Incident ", "") + "\n\n" : "\n## Suspects\n\n");
            table(b, i.suspects());
        }
        for (var section : AnalysisNarrative.sections(a)) {
            b.append("\n## ").append(section.title()).append("\n\n");
            for (String item : section.items()) {
                b.append("- ").append(esc(item)).append('\n');
            }
        }
        out.write(b.toString());
        out.flush();
    }

    private static void table(StringBuilder b, List<Suspect> suspects) {
        b.append("| Rank | Suspect | Explains | Crude | Risk ratio | Adjusted RR | Degraded inside | Degraded outside | Note |\n");
        b.append("|---:|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Suspect s : suspects) {
            String note = !s.explainedBy().isEmpty() ? "explained by " + String.join(", ", s.explainedBy())
                    : !s.inseparableFrom().isEmpty() ? "inseparable from " + String.join(", ", s.inseparableFrom()) : "";
            b.append("| ").append(s.rank()).append(" | `").append(Format.code(s.label())).append("` | ")
                    .append(Format.share(s.score())).append(" | ").append(Format.share(s.crudeScore())).append(" | ")
                    .append(Format.readableNum(s.riskRatio())).append(" | ").append(Format.readableNum(s.adjustedRiskRatio())).append(" | ")
                    .append(Format.share(s.insideAfter().degradedRate())).append(" of ").append(s.insideAfter().requests())
                    .append(" | ").append(Format.share(s.outsideAfter().degradedRate())).append(" of ")
                    .append(s.outsideAfter().requests()).append(" | ").append(esc(note)).append(" |\n");
        }
    }

    /**
     * Markdown's emphasis characters in values (a lender id with a star) must not restyle the page; pipes,
     * line breaks and raw HTML are escaped by {@link Format#cell}.
     */
    private static String esc(String s) {
        return Format.cell(s.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_"));
    }
}
