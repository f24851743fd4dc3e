package io.scoregate.gate.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scoregate.gate.report.Format;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a rollout or rollback report in the gate's four formats: {@code <command>-report.json},
 * {@code <command>-report.md} (also appended to {@code $GITHUB_STEP_SUMMARY} when set), a self-contained
 * {@code <command>-report.html} with the weight and latency timeline, and {@code <command>-junit.xml}
 * (one test case per step, so CI's test tab shows where it stopped).
 */
public final class RolloutReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, String> env;

    public RolloutReportWriter(Map<String, String> env) {
        this.env = env;
    }

    public List<Path> write(RolloutReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        String base = report.command();
        Path json = dir.resolve(base + "-report.json");
        Path md = dir.resolve(base + "-report.md");
        Path html = dir.resolve(base + "-report.html");
        Path junit = dir.resolve(base + "-junit.xml");
        Files.writeString(json, JSON.writeValueAsString(json(report)) + "\n", StandardCharsets.UTF_8);
        String markdown = markdown(report);
        Files.writeString(md, markdown, StandardCharsets.UTF_8);
        Files.writeString(html, html(report), StandardCharsets.UTF_8);
        Files.writeString(junit, junit(report), StandardCharsets.UTF_8);
        String summary = env.getOrDefault("GITHUB_STEP_SUMMARY", "");
        if (!summary.isBlank()) {
            Files.writeString(Path.of(summary), markdown + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        return List.of(json, md, html, junit);
    }

    static ObjectNode json(RolloutReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("command", r.command());
        root.put("outcome", r.outcome());
        root.put("exitCode", r.exitCode());
        root.put("reason", r.reason());
        r.candidate().ifPresent(c -> root.put("candidate", c));
        root.put("stableAfter", r.stableAfter());
        ArrayNode targets = root.putArray("targets");
        r.targets().forEach(t -> targets.add(t.toString()));
        root.put("startedAt", r.startedAt().toString());
        root.put("finishedAt", r.finishedAt().toString());
        r.override().ifPresent(o -> {
            ObjectNode on = root.putObject("override");
            on.put("approver", o.approver());
            on.put("reason", o.reason());
            o.ticket().ifPresent(t -> on.put("ticket", t));
        });
        ArrayNode timeline = root.putArray("timeline");
        for (TimelineEntry e : r.timeline()) {
            ObjectNode n = timeline.addObject();
            n.put("at", e.at().toString());
            n.put("state", e.state().name());
            n.put("candidateWeight", e.candidateWeight());
            n.put("revision", e.revision());
            e.stable().ifPresent(a -> arm(n.putObject("stable"), a));
            e.candidate().ifPresent(a -> arm(n.putObject("candidate"), a));
            n.put("note", e.note());
        }
        r.lastJudgement().ifPresent(j -> {
            ObjectNode jn = root.putObject("lastJudgement");
            jn.put("verdict", j.verdict().name());
            ArrayNode reasons = jn.putArray("reasons");
            j.reasons().forEach(reasons::add);
            ArrayNode metrics = jn.putArray("metrics");
            j.metrics().forEach(m -> {
                ObjectNode mn = metrics.addObject();
                mn.put("rule", m.rule().name());
                number(mn, "estimate", m.estimate());
                number(mn, "threshold", m.threshold());
                mn.put("classification", m.classification().name());
                mn.put("reason", m.reason());
            });
        });
        ArrayNode steps = root.putArray("rollbackSteps");
        r.rollbackSteps().forEach(s -> steps.addObject().put("name", s.name()).put("ok", s.ok())
                .put("result", s.result()).put("tookMs", s.took().toMillis()));
        return root;
    }

    private static void arm(ObjectNode n, TimelineEntry.ArmNumbers a) {
        n.put("version", a.version());
        n.put("requests", a.requests());
        number(n, "meanMs", a.meanMs());
        number(n, "p95Ms", a.p95Ms());
        number(n, "timeoutRate", a.timeoutRate());
        number(n, "errorRate", a.errorRate());
    }

    private static void number(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.putNull(field);
        }
    }

    static String markdown(RolloutReport r) {
        var sb = new StringBuilder();
        sb.append("## scoregate ").append(r.command()).append(": **").append(r.outcome()).append("** (exit ")
                .append(r.exitCode()).append(")\n\n").append(Format.cell(r.reason())).append("\n\n");
        r.candidate().ifPresent(c -> sb.append("- Candidate: `").append(Format.code(c)).append("`\n"));
        sb.append("- Stable afterwards: `").append(Format.code(r.stableAfter())).append("`\n");
        sb.append("- Targets: ").append(r.targets().size()).append(" (").append(Format.cell(String.join(", ",
                r.targets().stream().map(Object::toString).toList()))).append(")\n");
        r.override().ifPresent(o -> sb.append("- Freeze override by ").append(Format.cell(o.approver())).append(": ")
                .append(Format.cell(o.reason())).append(o.ticket().map(t -> " (" + Format.cell(t) + ")").orElse(""))
                .append('\n'));
        if (!r.rollbackSteps().isEmpty()) {
            sb.append("\n### Rollback runbook\n\n| step | result | detail | took |\n|---|---|---|---|\n");
            r.rollbackSteps().forEach(s -> sb.append("| ").append(Format.cell(s.name())).append(" | ")
                    .append(s.ok() ? "ok" : "**FAIL**").append(" | ").append(Format.cell(s.result())).append(" | ")
                    .append(seconds(s.took())).append(" |\n"));
        }
        sb.append("\n### Timeline\n\n| time (UTC) | state | weight | revision | stable mean / p95 | candidate mean / p95 "
                + "/ timeouts | note |\n|---|---|---|---|---|---|---|\n");
        for (TimelineEntry e : r.timeline()) {
            sb.append("| ").append(e.at()).append(" | ").append(e.state()).append(" | ")
                    .append(e.candidateWeight() < 0 ? "" : e.candidateWeight() + "%").append(" | ")
                    .append(e.revision() < 0 ? "" : e.revision()).append(" | ")
                    .append(e.stable().map(a -> Format.cell(latency(a))).orElse("")).append(" | ")
                    .append(e.candidate().map(a -> Format.cell(latency(a) + " / " + pct1(a.timeoutRate()))).orElse(""))
                    .append(" | ")
                    .append(Format.cell(e.note())).append(" |\n");
        }
        return sb.toString();
    }

    static String html(RolloutReport r) {
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

    static String junit(RolloutReport r) {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        List<String[]> cases = new java.util.ArrayList<>();
        for (TimelineEntry e : r.timeline()) {
            if (e.state() == RolloutState.SHIFTING || e.state() == RolloutState.PROMOTING
                    || e.state() == RolloutState.ROLLING_BACK || e.state() == RolloutState.FAILED) {
                cases.add(new String[] {e.state().name().toLowerCase(Locale.ROOT) + " " + e.note(), ""});
            }
        }
        r.rollbackSteps().forEach(s -> cases.add(new String[] {s.name(), s.ok() ? "" : s.result()}));
        cases.add(new String[] {r.command() + " outcome", r.exitCode() == 0 ? "" : r.outcome() + ": " + r.reason()});
        long failures = cases.stream().filter(c -> !c[1].isEmpty()).count();
        sb.append("<testsuite name=\"scoregate-").append(Format.escape(r.command())).append("\" tests=\"").append(cases.size())
                .append("\" failures=\"").append(failures).append("\">\n");
        for (String[] c : cases) {
            sb.append("  <testcase classname=\"scoregate.").append(Format.escape(r.command())).append("\" name=\"")
                    .append(Format.escape(c[0])).append('"');
            if (c[1].isEmpty()) {
                sb.append("/>\n");
            } else {
                sb.append("><failure message=\"").append(Format.escape(c[1])).append("\"/></testcase>\n");
            }
        }
        return sb.append("</testsuite>\n").toString();
    }

    private static String latency(TimelineEntry.ArmNumbers a) {
        return String.format(Locale.ROOT, "%s: %.1f / %.1f ms (n=%d)", a.version(), a.meanMs(), a.p95Ms(), a.requests());
    }


    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String pct1(double rate) {
        return Format.percent(rate, 1);
    }
}
