package io.scoregate.gate.report;

import static io.scoregate.gate.report.Format.escape;
import static io.scoregate.gate.report.Format.ms;
import static io.scoregate.gate.report.Format.pct;

import io.scoregate.gate.judge.ArmSummary;
import io.scoregate.gate.judge.MetricResult;

/**
 * gate-report.html: one self-contained page for a release manager: the verdict first, then why, the
 * latency chart of both versions, the metric table. Inline CSS and SVG only: no scripts, fonts or links
 * to fetch. Everything that came from a user (versions, reasons, override text) is escaped.
 */
public final class HtmlReportWriter implements ReportWriter<GateReport> {

    public static final String FILE = "gate-report.html";

    @Override
    public String fileName(GateReport report) {
        return FILE;
    }

    @Override
    public String content(GateReport r) {
        return render(r);
    }

    public static String render(GateReport r) {
        String colour = switch (r.verdict()) {
            case PASS -> "#1a7f37";
            case BLOCK -> "#cf222e";
            case INCONCLUSIVE -> "#9a6700";
        };
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Gate: ")
                .append(r.verdict()).append(" ").append(escape(r.candidate())).append("</title><style>")
                .append("body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2328}")
                .append(".verdict{font-size:2rem;font-weight:700;color:#fff;background:").append(colour)
                .append(";padding:.6rem 1rem;border-radius:6px}")
                .append("table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:right}")
                .append("th{background:#f6f8fa}td:first-child,th:first-child{text-align:left}.EXCEEDS{color:#cf222e;font-weight:700}")
                .append(".UNCLEAR,.NO_DATA{color:#9a6700}.WITHIN{color:#1a7f37}")
                .append("</style></head><body>\n");
        b.append("<div class=\"verdict\">").append(r.verdict()).append(" &middot; exit ").append(r.exitCode()).append("</div>\n");
        b.append("<p>Candidate <code>").append(escape(r.candidate())).append("</code> against baseline <code>")
                .append(escape(r.baseline())).append("</code>, from ").append(escape(r.source())).append(", decided at ")
                .append(r.decidedAt()).append(".</p>\n");
        b.append("<h2>Why</h2><ul>\n");
        r.reasons().forEach(s -> b.append("<li>").append(escape(s)).append("</li>\n"));
        b.append("</ul>\n<h2>Freeze window</h2><p>");
        var w = r.window();
        if (!w.frozen()) {
            b.append("Open at ").append(w.at()).append(" (").append(escape(w.zone().getId())).append(").");
        } else {
            b.append("Frozen by ").append(escape(w.window().orElse("a window"))).append(" until ")
                    .append(w.until().map(Object::toString).orElse("?")).append(" (").append(escape(w.zone().getId())).append(").");
        }
        b.append("</p>\n");
        w.override().ifPresent(o -> b.append("<p><strong>Override</strong> by ").append(escape(o.approver())).append(": ")
                .append(escape(o.reason())).append(o.ticket().map(t -> " (ticket " + escape(t) + ")").orElse("")).append(".</p>\n"));
        r.judgement().ifPresent(j -> {
            b.append("<h2>Latency distribution</h2>\n").append(LatencyChart.svg(j.baseline(), j.candidate())).append('\n');
            b.append("<h2>Rules</h2><table><tr><th>metric</th><th>estimate</th><th>lower bound</th><th>upper bound</th>")
                    .append("<th>limit</th><th>Holm p</th><th>classification</th><th>test</th></tr>\n");
            for (MetricResult m : j.metrics()) {
                b.append("<tr><td>").append(m.rule().label()).append("</td><td>").append(m.rule().format(m.estimate()))
                        .append("</td><td>").append(m.rule().format(m.lower())).append(" (").append(Format.conf(m.lowerConfidence()))
                        .append(")</td><td>").append(m.rule().format(m.upper())).append(" (").append(Format.conf(m.upperConfidence()))
                        .append(")</td><td>").append(m.rule().format(m.threshold())).append("</td><td>")
                        .append(Format.p(m.adjustedPValue())).append("</td><td class=\"").append(m.classification()).append("\">")
                        .append(m.classification()).append("</td><td>").append(escape(m.test())).append("</td></tr>\n");
            }
            b.append("</table>\n");
            j.sequential().ifPresent(e -> {
                b.append("<h2>Anytime-valid evidence</h2><p>BLOCK when an e-value reaches its threshold; valid however "
                        + "often it is looked at.</p><table><tr><th>rule</th><th>counted</th><th>events</th><th>limit</th>"
                        + "<th>e-value</th><th>threshold</th><th>always-valid p</th></tr>\n");
                for (var rule : e.rules()) {
                    b.append("<tr><td>").append(escape(rule.rule().label())).append("</td><td>").append(rule.trials())
                            .append("</td><td>").append(rule.events()).append("</td><td>").append(Format.pct(rule.limit()))
                            .append("</td><td class=\"").append(rule.crossed() ? "EXCEEDS" : "WITHIN").append("\">")
                            .append(Format.num(rule.eValue())).append("</td><td>").append(Format.num(rule.threshold()))
                            .append("</td><td>").append(Format.p(rule.alwaysValidP())).append("</td></tr>\n");
                }
                b.append("</table>\n");
            });
            b.append("<h2>Arms</h2><table><tr><th>arm</th><th>requests</th><th>mean ms</th><th>p50 ms</th>")
                    .append("<th>p95 ms</th><th>p99 ms</th><th>timeouts</th><th>errors</th><th>rejected</th></tr>\n");
            arm(b, "baseline", j.baseline());
            arm(b, "candidate", j.candidate());
            b.append("</table>\n");
            j.shift().ifPresent(s -> b.append("<p>Mann-Whitney p=").append(Format.p(s.pTwoSided()))
                    .append(" (two-sided); Hodges-Lehmann shift ").append(ms(s.shift())).append(" ms [")
                    .append(ms(s.shiftInterval().lower())).append(", ").append(ms(s.shiftInterval().upper()))
                    .append("] &mdash; context, not a rule.</p>\n"));
        });
        r.capacity().ifPresent(v -> {
            b.append("<h2>Capacity</h2>\n").append(CapacityChart.svg(v)).append("\n<table><tr>");
            CapacityRows.HEADER.forEach(h -> b.append("<th>").append(escape(h)).append("</th>"));
            b.append("</tr>\n");
            for (var row : CapacityRows.of(v)) {
                b.append("<tr>");
                // the SLO status cells take the rule table's colours (WITHIN, EXCEEDS, UNCLEAR, NO_DATA)
                row.forEach(cellText -> b.append(cellText.matches("[A-Z_]+") ? "<td class=\"" + cellText + "\">"
                        : "<td>").append(escape(cellText)).append("</td>"));
                b.append("</tr>\n");
            }
            b.append("</table>\n<p>").append(escape(CapacityRows.footnote(v))).append("</p>\n");
        });
        r.load().ifPresent(l -> b.append("<p>").append(escape(l.sentence())).append("</p>\n"));
        if (r.malformedLines() > 0) {
            b.append("<p>").append(r.malformedLines()).append(" malformed log line(s) skipped:</p><ul>");
            r.malformedExamples().forEach(e -> b.append("<li><code>").append(escape(e)).append("</code></li>"));
            b.append("</ul>\n");
        }
        b.append("</body></html>\n");
        return b.toString();
    }

    private static void arm(StringBuilder b, String role, ArmSummary a) {
        b.append("<tr><td>").append(role).append(" <code>").append(escape(a.version())).append("</code></td><td>")
                .append(a.sent()).append("</td><td>").append(ms(a.meanMs())).append("</td><td>").append(ms(a.p50Ms()))
                .append("</td><td>").append(ms(a.p95Ms())).append("</td><td>").append(ms(a.p99Ms())).append("</td><td>")
                .append(pct(a.timeoutRate())).append("</td><td>").append(pct(a.errorRate())).append("</td><td>")
                .append(a.rejected()).append("</td></tr>\n");
    }
}
