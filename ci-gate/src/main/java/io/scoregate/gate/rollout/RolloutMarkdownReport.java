package io.scoregate.gate.rollout;

import static io.scoregate.gate.rollout.RolloutText.latency;
import static io.scoregate.gate.rollout.RolloutText.pct1;
import static io.scoregate.gate.rollout.RolloutText.seconds;

import io.scoregate.gate.report.Format;
import io.scoregate.gate.report.ReportWriter;

/** {@code <command>-report.md}: the outcome, the rollback runbook and the timeline as tables (also the step summary). */
public final class RolloutMarkdownReport implements ReportWriter<RolloutReport> {

    @Override
    public String fileName(RolloutReport report) {
        return report.command() + "-report.md";
    }

    @Override
    public String content(RolloutReport r) {
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
}
