package io.scoregate.gate.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scoregate.evidence.RuleEvidence;
import io.scoregate.gate.judge.ArmSummary;
import io.scoregate.gate.judge.SequentialEvidence;
import io.scoregate.gate.judge.MetricResult;
import java.io.IOException;

/**
 * gate-report.json, the machine-readable report. Built as a tree rather than by binding the records so
 * field names stay stable when the records change, and so a missing number is {@code null}, never the
 * invalid-JSON {@code NaN}.
 */
public final class JsonReportWriter implements ReportWriter {

    public static final String FILE = "gate-report.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String fileName() {
        return FILE;
    }

    @Override
    public String content(GateReport r) throws IOException {
        return JSON.writeValueAsString(toTree(r)) + "\n";
    }

    public static ObjectNode toTree(GateReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("verdict", r.verdict().name());
        root.put("exitCode", r.exitCode());
        var reasons = root.putArray("reasons");
        r.reasons().forEach(reasons::add);
        root.put("baseline", r.baseline());
        root.put("candidate", r.candidate());
        root.put("source", r.source());
        root.put("decidedAt", r.decidedAt().toString());

        ObjectNode w = root.putObject("window");
        w.put("at", r.window().at().toString());
        w.put("zone", r.window().zone().getId());
        w.put("frozen", r.window().frozen());
        w.put("blocked", r.window().blocks());
        if (r.window().window().isPresent()) {
            w.put("name", r.window().window().get());
        } else {
            w.putNull("name");
        }
        if (r.window().until().isPresent()) {
            w.put("until", r.window().until().get().toString());
        } else {
            w.putNull("until");
        }
        if (r.window().override().isPresent()) {
            var o = r.window().override().get();
            ObjectNode on = w.putObject("override");
            on.put("approver", o.approver());
            on.put("reason", o.reason());
            if (o.ticket().isPresent()) {
                on.put("ticket", o.ticket().get());
            } else {
                on.putNull("ticket");
            }
        } else {
            w.putNull("override");
        }

        ObjectNode input = root.putObject("input");
        input.put("malformedLines", r.malformedLines());
        var ex = input.putArray("malformedExamples");
        r.malformedExamples().forEach(ex::add);
        input.put("otherVersionLines", r.otherVersions());

        if (r.load().isPresent()) {
            var l = r.load().get();
            ObjectNode ln = root.putObject("load");
            ln.put("plannedRequests", l.plannedRequests());
            ln.put("measuredRequests", l.measuredRequests());
            ln.put("warmupRequests", l.warmupRequests());
            ln.put("transportFailures", l.transportFailures());
            ln.put("maxScheduleLagMs", l.maxScheduleLag().toMillis());
            ln.put("elapsedMs", l.elapsed().toMillis());
        } else {
            root.putNull("load");
        }

        ObjectNode arms = root.putObject("arms");
        ArrayNode metrics = root.putArray("metrics");
        if (r.judgement().isPresent()) {
            var j = r.judgement().get();
            arm(arms.putObject("baseline"), j.baseline());
            arm(arms.putObject("candidate"), j.candidate());
            j.metrics().forEach(m -> metric(metrics.addObject(), m));
            num(root, "splitPValue", j.splitPValue());
            root.put("moreRequestsPerArm", j.moreRequestsPerArm());
            if (j.timeToVerdict().isPresent()) {
                root.put("timeToVerdictSeconds", j.timeToVerdict().get().toSeconds());
            } else {
                root.putNull("timeToVerdictSeconds");
            }
            if (j.sequential().isPresent()) {
                sequential(root.putObject("sequential"), j.sequential().get());
            } else {
                root.putNull("sequential");
            }
            if (j.shift().isPresent()) {
                var s = j.shift().get();
                ObjectNode sn = root.putObject("shift");
                sn.put("test", "Mann-Whitney U (tie-corrected normal approximation), Hodges-Lehmann shift; context, not a rule");
                num(sn, "u", s.u());
                num(sn, "z", s.z());
                num(sn, "pTwoSided", s.pTwoSided());
                num(sn, "pCandidateSlower", s.pCandidateSlower());
                num(sn, "shiftMs", s.shift());
                num(sn, "lowerMs", s.shiftInterval().lower());
                num(sn, "upperMs", s.shiftInterval().upper());
                num(sn, "confidence", s.shiftInterval().confidence());
            } else {
                root.putNull("shift");
            }
        }
        return root;
    }

    /** The anytime-valid evidence: one entry per sequential rule, e-value against its threshold. */
    static void sequential(ObjectNode n, SequentialEvidence e) {
        n.put("test", "anytime-valid: mixture sequential probability ratio tests; BLOCK when an e-value reaches "
                + "its threshold (1 / the rule's share of alpha)");
        n.put("candidateRequests", e.candidateRequests());
        if (e.candidatePerSecond().isPresent()) {
            n.put("candidatePerSecond", e.candidatePerSecond().getAsDouble());
        } else {
            n.putNull("candidatePerSecond");
        }
        if (e.crossing().isPresent()) {
            ObjectNode c = n.putObject("firstCrossing");
            c.put("rule", e.crossing().get().rule().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            c.put("candidateRequests", e.crossing().get().candidateRequests());
        } else {
            n.putNull("firstCrossing");
        }
        ArrayNode rules = n.putArray("rules");
        for (RuleEvidence r : e.rules()) {
            ObjectNode o = rules.addObject();
            o.put("rule", r.rule().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            o.put("name", r.rule().label());
            o.put("trials", r.trials());
            o.put("events", r.events());
            num(o, "limit", r.limit());
            num(o, "eValue", r.eValue());
            num(o, "threshold", r.threshold());
            o.put("crossed", r.crossed());
            num(o, "alwaysValidP", r.alwaysValidP());
            if (r.tailFromMillis().isPresent()) {
                o.put("tailFromMs", r.tailFromMillis().getAsDouble());
            } else {
                o.putNull("tailFromMs");
            }
            o.put("reason", r.describe());
        }
    }

    private static void arm(ObjectNode n, ArmSummary a) {
        n.put("version", a.version());
        n.put("requests", a.sent());
        n.put("ok", a.ok());
        n.put("timeouts", a.timeouts());
        n.put("errors", a.errors());
        n.put("rejected", a.rejected());
        num(n, "meanMs", a.meanMs());
        num(n, "p50Ms", a.p50Ms());
        num(n, "p95Ms", a.p95Ms());
        num(n, "p99Ms", a.p99Ms());
        num(n, "timeoutRate", a.timeoutRate());
        num(n, "errorRate", a.errorRate());
    }

    private static void metric(ObjectNode n, MetricResult m) {
        n.put("rule", m.rule().id());
        n.put("name", m.rule().label());
        n.put("unit", m.rule().unit());
        num(n, "estimate", m.estimate());
        ObjectNode i = n.putObject("interval");
        num(i, "lower", m.lower());
        num(i, "lowerConfidence", m.lowerConfidence());
        num(i, "upper", m.upper());
        num(i, "upperConfidence", m.upperConfidence());
        num(n, "threshold", m.threshold());
        n.put("test", m.test());
        num(n, "pValue", m.pValue());
        num(n, "holmAdjustedPValue", m.adjustedPValue());
        n.put("classification", m.classification().name());
        n.put("reason", m.reason());
        n.put("requiredRequestsPerArm", m.requiredPerArm());
    }

    private static void num(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }
}
