package io.scoregate.gate.rollout;

import io.scoregate.gate.report.JsonNumbers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scoregate.gate.report.ReportWriter;
import java.io.IOException;

/** {@code <command>-report.json}: every number of the outcome, the timeline and the rollback steps. */
public final class RolloutJsonReport implements ReportWriter<RolloutReport> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String fileName(RolloutReport report) {
        return report.command() + "-report.json";
    }

    static ObjectNode tree(RolloutReport r) {
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
                JsonNumbers.put(mn, "estimate", m.estimate());
                JsonNumbers.put(mn, "threshold", m.threshold());
                mn.put("classification", m.classification().name());
                mn.put("reason", m.reason());
            });
        });
        ArrayNode steps = root.putArray("rollbackSteps");
        r.rollbackSteps().forEach(s -> steps.addObject().put("name", s.name()).put("ok", s.ok())
                .put("result", s.result()).put("tookMs", s.took().toMillis()));
        return root;
    }

    @Override
    public String content(RolloutReport r) throws IOException {
        return JSON.writeValueAsString(tree(r)) + "\n";
    }

    private static void arm(ObjectNode n, TimelineEntry.ArmNumbers a) {
        n.put("version", a.version());
        n.put("requests", a.requests());
        JsonNumbers.put(n, "meanMs", a.meanMs());
        JsonNumbers.put(n, "p95Ms", a.p95Ms());
        JsonNumbers.put(n, "timeoutRate", a.timeoutRate());
        JsonNumbers.put(n, "errorRate", a.errorRate());
    }

}
