package io.scoregate.gate.report;

import static io.scoregate.gate.report.Format.cell;
import static io.scoregate.gate.report.Format.ms;
import static io.scoregate.gate.report.Format.pct;

import io.scoregate.gate.judge.ArmSummary;
import io.scoregate.gate.judge.MetricResult;

/** gate-report.md: the pull-request comment (and the GitHub step summary). */
public final class MarkdownReportWriter implements ReportWriter<GateReport> {

    public static final String FILE = "gate-report.md";

    @Override
    public String fileName(GateReport report) {
        return FILE;
    }

    @Override
    public String content(GateReport r) {
        return render(r);
    }

    public static String render(GateReport r) {
        StringBuilder b = new StringBuilder();
        b.append("## Gate: ").append(icon(r)).append(' ').append(r.verdict()).append(" (exit ").append(r.exitCode())
                .append(")\n\n");
        b.append("`").append(Format.code(r.candidate())).append("` against baseline `").append(Format.code(r.baseline()))
                .append("`, from ").append(cell(r.source())).append(", decided at ").append(r.decidedAt()).append(".\n\n");
        b.append("**Why**\n\n");
        r.reasons().forEach(s -> b.append("- ").append(cell(s)).append('\n'));
        b.append('\n');
        var w = r.window();
        b.append("**Freeze window** (").append(w.zone().getId()).append("): ");
        if (!w.frozen()) {
            b.append("open at ").append(w.at()).append(".\n");
        } else {
            b.append("frozen by ").append(cell(w.window().orElse("a window"))).append(" until ")
                    .append(w.until().map(Object::toString).orElse("?")).append(".\n");
        }
        w.override().ifPresent(o -> b.append("\n**Override** by ").append(cell(o.approver())).append(": ")
                .append(cell(o.reason())).append(o.ticket().map(t -> " (ticket " + cell(t) + ")").orElse("")).append(".\n"));
        r.judgement().ifPresent(j -> {
            b.append("\n| metric | estimate | lower bound | upper bound | limit | classification |\n");
            b.append("|---|---|---|---|---|---|\n");
            for (MetricResult m : j.metrics()) {
                b.append("| ").append(m.rule().label()).append(" | ").append(m.rule().format(m.estimate()))
                        .append(" | ").append(m.rule().format(m.lower())).append(" (").append(Format.conf(m.lowerConfidence()))
                        .append(") | ").append(m.rule().format(m.upper())).append(" (").append(Format.conf(m.upperConfidence()))
                        .append(") | ").append(m.rule().format(m.threshold())).append(" | ").append(m.classification())
                        .append(" |\n");
            }
            j.sequential().ifPresent(e -> {
                b.append("\n**Anytime-valid evidence** (BLOCK when an e-value reaches its threshold; valid however often "
                        + "it is looked at)\n\n| rule | counted | events | limit | e-value | threshold | always-valid p |\n");
                b.append("|---|---|---|---|---|---|---|\n");
                for (var rule : e.rules()) {
                    b.append("| ").append(rule.rule().label()).append(rule.crossed() ? " **crossed**" : "").append(" | ")
                            .append(rule.trials()).append(" | ").append(rule.events()).append(" | ")
                            .append(Format.pct(rule.limit())).append(" | ").append(Format.num(rule.eValue())).append(" | ")
                            .append(Format.num(rule.threshold())).append(" | ").append(Format.p(rule.alwaysValidP()))
                            .append(" |\n");
                }
            });
            b.append("\n| arm | requests | mean ms | p50 ms | p95 ms | p99 ms | timeouts | errors | rejected |\n");
            b.append("|---|---|---|---|---|---|---|---|---|\n");
            arm(b, "baseline", j.baseline());
            arm(b, "candidate", j.candidate());
            j.shift().ifPresent(s -> b.append(String.format(java.util.Locale.ROOT,
                    "%nMann-Whitney: p=%s (two-sided); Hodges-Lehmann shift %s ms [%s, %s] (context, not a rule).%n",
                    Format.p(s.pTwoSided()), ms(s.shift()), ms(s.shiftInterval().lower()), ms(s.shiftInterval().upper()))));
        });
        r.capacity().ifPresent(v -> {
            b.append("\n**Capacity** (each version alone at each rate)\n\n| ")
                    .append(String.join(" | ", CapacityRows.HEADER)).append(" |\n|");
            CapacityRows.HEADER.forEach(h -> b.append("---|"));
            b.append('\n');
            for (var row : CapacityRows.of(v)) {
                b.append("| ").append(String.join(" | ", row.stream().map(Format::cell).toList())).append(" |\n");
            }
            b.append('\n').append(cell(CapacityRows.footnote(v))).append('\n');
        });
        r.load().ifPresent(l -> b.append("\n").append(cell(l.sentence())).append('\n'));
        if (r.malformedLines() > 0) {
            b.append("\n").append(r.malformedLines()).append(" malformed log line(s) skipped.\n");
        }
        return b.toString();
    }

    private static void arm(StringBuilder b, String role, ArmSummary a) {
        b.append("| ").append(role).append(" `").append(Format.code(a.version())).append("` | ").append(a.sent()).append(" | ")
                .append(ms(a.meanMs())).append(" | ").append(ms(a.p50Ms())).append(" | ").append(ms(a.p95Ms()))
                .append(" | ").append(ms(a.p99Ms())).append(" | ").append(pct(a.timeoutRate())).append(" | ")
                .append(pct(a.errorRate())).append(" | ").append(a.rejected()).append(" |\n");
    }

    private static String icon(GateReport r) {
        return switch (r.verdict()) {
            case PASS -> ":white_check_mark:";
            case BLOCK -> ":no_entry:";
            case INCONCLUSIVE -> ":warning:";
        };
    }
}
