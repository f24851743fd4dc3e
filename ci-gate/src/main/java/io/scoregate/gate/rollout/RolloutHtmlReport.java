package io.scoregate.gate.rollout;

import static io.scoregate.gate.rollout.RolloutText.latency;
import static io.scoregate.gate.rollout.RolloutText.pct1;
import static io.scoregate.gate.rollout.RolloutText.seconds;

import io.scoregate.gate.report.Format;
import io.scoregate.gate.report.ReportWriter;

/** {@code <command>-report.html}: self-contained, with the weight and latency timeline chart. */
public final class RolloutHtmlReport implements ReportWriter<RolloutReport> {

    @Override
    public String fileName(RolloutReport report) {
        return report.command() + "-report.html";
    }

    @Override
    public String content(RolloutReport r) {
        var sb = new StringBuilder();
        String colour = r.exitCode() == 0 ? "#1a7f37" : "#b42318";
        sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>scoregate ")
                .append(Format.escape(r.command())).append(" report</title><style>body{font-family:system-ui,sans-serif;"
                        + "margin:2em;max-width:1100px}table{border-collapse:collapse;font-size:14px}td,th{border:1px solid #ccc;"
                        + "padding:4px 8px;text-align:left}.verdict{font-size:28px;font-weight:bold;color:")
                .append(colour).append("}</style></head><body>");
        sb.append("<div class=\"verdict\">").append(Format.escape(r.command())).append(": ").append(Format.escape(r.outcome()))
                .append(" (exit ").append(r.exitCode()).append(")</div>");
        sb.append("<p>").append(Format.escape(r.reason())).append("</p>");
        sb.append("<p>Stable afterwards: <code>").append(Format.escape(r.stableAfter())).append("</code>")
                .append(r.candidate().map(c -> "; candidate <code>" + Format.escape(c) + "</code>").orElse(""))
                .append("; ").append(r.targets().size()).append(" target(s).</p>");
        r.override().ifPresent(o -> sb.append("<p>Freeze override by <b>").append(Format.escape(o.approver())).append("</b>: ")
                .append(Format.escape(o.reason())).append(o.ticket().map(t -> " (" + Format.escape(t) + ")").orElse("")).append("</p>"));
        sb.append("<h2>Weight and latency timeline</h2>").append(TimelineChart.svg(r.timeline()));
        if (!r.rollbackSteps().isEmpty()) {
            sb.append("<h2>Rollback runbook</h2><table><tr><th>step</th><th>result</th><th>detail</th><th>took</th></tr>");
            r.rollbackSteps().forEach(s -> sb.append("<tr><td>").append(Format.escape(s.name())).append("</td><td>")
                    .append(s.ok() ? "ok" : "<b>FAIL</b>").append("</td><td>").append(Format.escape(s.result())).append("</td><td>")
                    .append(seconds(s.took())).append("</td></tr>"));
            sb.append("</table>");
        }
        sb.append("<h2>Timeline</h2><table><tr><th>time (UTC)</th><th>state</th><th>weight</th><th>revision</th>"
                + "<th>stable mean / p95</th><th>candidate mean / p95 / timeouts</th><th>note</th></tr>");
        for (TimelineEntry e : r.timeline()) {
            sb.append("<tr><td>").append(e.at()).append("</td><td>").append(e.state()).append("</td><td>")
                    .append(e.candidateWeight() < 0 ? "" : e.candidateWeight() + "%").append("</td><td>")
                    .append(e.revision() < 0 ? "" : e.revision()).append("</td><td>")
                    .append(e.stable().map(a -> Format.escape(latency(a))).orElse("")).append("</td><td>")
                    .append(e.candidate().map(a -> Format.escape(latency(a) + " / " + pct1(a.timeoutRate()))).orElse(""))
                    .append("</td><td>").append(Format.escape(e.note())).append("</td></tr>");
        }
        sb.append("</table></body></html>\n");
        return sb.toString();
    }
}
