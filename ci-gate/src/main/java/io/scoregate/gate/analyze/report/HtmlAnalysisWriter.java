package io.scoregate.gate.analyze.report;

import io.scoregate.gate.report.Format;
import io.scoregate.gate.analyze.Incident;
import io.scoregate.gate.analyze.IncidentAnalysis;
import io.scoregate.gate.analyze.Suspect;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** A self-contained HTML page: inline CSS and an inline SVG chart, no script and no external resource. */
public final class HtmlAnalysisWriter implements AnalysisWriter {

    @Override
    public void write(IncidentAnalysis a, Writer out) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Format.escape(AnalysisNarrative.title(a))).append("</title>\n<style>body{font-family:sans-serif;"
                        + "max-width:960px;margin:2em auto;color:#222}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:nth-child(2){text-align:left}"
                        + ".cause{font-size:1.15em;font-weight:bold}.weak{color:#a05a00}</style></head><body>\n");
        b.append("<h1>").append(Format.escape(AnalysisNarrative.title(a))).append("</h1>\n");
        b.append("<p class=\"cause\">").append(Format.escape(AnalysisNarrative.headline(a))).append("</p>\n");
        b.append("<p class=\"").append(a.strength().name().toLowerCase(java.util.Locale.ROOT)).append("\">")
                .append(Format.escape(AnalysisNarrative.strength(a))).append("</p>\n");
        String insideLabel = a.suspects().isEmpty() ? "(no suspect)" : a.suspects().get(0).label();
        b.append("<h2>Mean latency over time: ").append(Format.escape(insideLabel)).append(" vs the rest</h2>\n");
        b.append(LatencyChartSvg.render(a, insideLabel));
        for (Incident i : a.shown()) {
            if (i.suspects().isEmpty()) {
                continue;
            }
            b.append("<h2>").append(a.incidents().size() > 1 ? "Suspects of incident "
                    + Format.escape(AnalysisNarrative.title(i).replaceFirst("^Incident ", "")) : "Suspects").append("</h2>\n");
            table(b, i.suspects());
        }
        for (var section : AnalysisNarrative.sections(a)) {
            b.append("<h2>").append(Format.escape(section.title())).append("</h2>\n<ul>\n");
            for (String item : section.items()) {
                b.append("<li>").append(Format.escape(item)).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        b.append("</body></html>\n");
        out.write(b.toString());
        out.flush();
    }

    private static void table(StringBuilder b, List<Suspect> suspects) {
        b.append("<table><tr><th>Rank</th><th>Suspect</th><th>Explains</th><th>Crude</th>"
                + "<th>Risk ratio</th><th>Adjusted RR</th><th>Degraded inside</th><th>Degraded outside</th></tr>\n");
        for (Suspect s : suspects) {
            b.append("<tr><td>").append(s.rank()).append("</td><td>").append(Format.escape(s.label())).append("</td><td>")
                    .append(Format.share(s.score())).append("</td><td>").append(Format.share(s.crudeScore())).append("</td><td>")
                    .append(Format.readableNum(s.riskRatio())).append("</td><td>").append(Format.readableNum(s.adjustedRiskRatio()))
                    .append("</td><td>").append(Format.share(s.insideAfter().degradedRate())).append(" of ")
                    .append(s.insideAfter().requests()).append("</td><td>")
                    .append(Format.share(s.outsideAfter().degradedRate())).append(" of ")
                    .append(s.outsideAfter().requests()).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

}
