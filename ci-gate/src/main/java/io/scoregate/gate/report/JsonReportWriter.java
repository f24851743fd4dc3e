package io.scoregate.gate.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scoregate.evidence.RuleEvidence;
import io.scoregate.gate.capacity.CapacityStep;
import io.scoregate.gate.capacity.CapacityVerdict;
import io.scoregate.gate.capacity.SloCheck;
import io.scoregate.gate.capacity.VersionCapacity;
import io.scoregate.gate.judge.ArmSummary;
import io.scoregate.gate.judge.SequentialEvidence;
import io.scoregate.gate.judge.MetricResult;
import java.io.IOException;

/**
 * gate-report.json, the machine-readable report. Built as a tree rather than by binding the records so
 * field names stay stable when the records change, and so a missing number is {@code null}, never the
 * invalid-JSON {@code NaN}.
 */
public final class JsonReportWriter implements ReportWriter<GateReport> {

    public static final String FILE = "gate-report.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String fileName(GateReport report) {
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

        if (r.capacity().isPresent()) {
            capacity(root.putObject("capacity"), r.capacity().get());
        } else {
            root.putNull("capacity");
        }

        ObjectNode arms = root.putObject("arms");
        ArrayNode metrics = root.putArray("metrics");
        if (r.judgement().isPresent()) {
            var j = r.judgement().get();
            arm(arms.putObject("baseline"), j.baseline());
            arm(arms.putObject("candidate"), j.candidate());
            j.metrics().forEach(m -> metric(metrics.addObject(), m));
            JsonNumbers.put(root, "splitPValue", j.splitPValue());
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
                JsonNumbers.put(sn, "u", s.u());
                JsonNumbers.put(sn, "z", s.z());
                JsonNumbers.put(sn, "pTwoSided", s.pTwoSided());
                JsonNumbers.put(sn, "pCandidateSlower", s.pCandidateSlower());
                JsonNumbers.put(sn, "shiftMs", s.shift());
                JsonNumbers.put(sn, "lowerMs", s.shiftInterval().lower());
                JsonNumbers.put(sn, "upperMs", s.shiftInterval().upper());
                JsonNumbers.put(sn, "confidence", s.shiftInterval().confidence());
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
            JsonNumbers.put(o, "limit", r.limit());
            JsonNumbers.put(o, "eValue", r.eValue());
            JsonNumbers.put(o, "threshold", r.threshold());
            o.put("crossed", r.crossed());
            JsonNumbers.put(o, "alwaysValidP", r.alwaysValidP());
            if (r.tailFromMillis().isPresent()) {
                o.put("tailFromMs", r.tailFromMillis().getAsDouble());
            } else {
                o.putNull("tailFromMs");
            }
            o.put("reason", r.describe());
        }
    }

    /** The capacity comparison: the verdict's numbers, then every step (the rate-to-p95 curves). */
    static void capacity(ObjectNode n, CapacityVerdict v) {
        n.put("verdict", v.verdict().name());
        var reasons = n.putArray("reasons");
        v.reasons().forEach(reasons::add);
        ObjectNode slo = n.putObject("slo");
        JsonNumbers.put(slo, "maxP95Ms", v.limits().maxP95Ms());
        JsonNumbers.put(slo, "maxTimeoutRate", v.limits().maxTimeoutRate());
        JsonNumbers.put(slo, "minRatio", v.limits().minRatio());
        versionCapacity(n.putObject("baseline"), v.baseline());
        versionCapacity(n.putObject("candidate"), v.candidate());
        if (v.ratio().isPresent()) {
            JsonNumbers.put(n, "sustainedRatio", v.ratio().getAsDouble());
        } else {
            n.putNull("sustainedRatio");
        }
        n.put("stop", v.stop().name());
        n.put("lowerBoundsOnly", v.lowerBoundsOnly());
        ArrayNode steps = n.putArray("steps");
        for (CapacityStep s : v.steps()) {
            ObjectNode o = steps.addObject();
            o.put("step", s.index() + 1);
            JsonNumbers.put(o, "ratePerSecond", s.ratePerSecond());
            sloCheck(o, "baseline", s.baseline());
            sloCheck(o, "candidate", s.candidate());
            if (s.judged().isPresent()) {
                o.put("judged", s.judged().get().name());
            } else {
                o.putNull("judged");
            }
        }
    }

    private static void versionCapacity(ObjectNode n, VersionCapacity c) {
        n.put("version", c.version());
        if (c.sustained().isPresent()) {
            JsonNumbers.put(n, "sustainedPerSecond", c.sustained().getAsDouble());
        } else {
            n.putNull("sustainedPerSecond");
        }
        if (c.failedAt().isPresent()) {
            JsonNumbers.put(n, "failedAtPerSecond", c.failedAt().getAsDouble());
        } else {
            n.putNull("failedAtPerSecond");
        }
        n.put("description", c.describe());
    }

    private static void sloCheck(ObjectNode parent, String key, java.util.Optional<SloCheck> check) {
        if (check.isEmpty()) {
            parent.putNull(key);
            return;
        }
        SloCheck c = check.get();
        ObjectNode n = parent.putObject(key);
        n.put("version", c.version());
        n.put("requests", c.requests());
        n.put("timeouts", c.timeouts());
        n.put("errors", c.errors());
        JsonNumbers.put(n, "p95Ms", c.p95Ms());
        JsonNumbers.put(n, "p95LowerMs", c.p95LowerMs());
        JsonNumbers.put(n, "p95UpperMs", c.p95UpperMs());
        JsonNumbers.put(n, "timeoutRate", c.timeoutRate());
        JsonNumbers.put(n, "timeoutRateLower", c.timeoutLower());
        JsonNumbers.put(n, "timeoutRateUpper", c.timeoutUpper());
        n.put("status", c.status().name());
        n.put("reason", c.reason());
    }

    private static void arm(ObjectNode n, ArmSummary a) {
        n.put("version", a.version());
        n.put("requests", a.sent());
        n.put("ok", a.ok());
        n.put("timeouts", a.timeouts());
        n.put("errors", a.errors());
        n.put("rejected", a.rejected());
        JsonNumbers.put(n, "meanMs", a.meanMs());
        JsonNumbers.put(n, "p50Ms", a.p50Ms());
        JsonNumbers.put(n, "p95Ms", a.p95Ms());
        JsonNumbers.put(n, "p99Ms", a.p99Ms());
        JsonNumbers.put(n, "timeoutRate", a.timeoutRate());
        JsonNumbers.put(n, "errorRate", a.errorRate());
    }

    private static void metric(ObjectNode n, MetricResult m) {
        n.put("rule", m.rule().id());
        n.put("name", m.rule().label());
        n.put("unit", m.rule().unit());
        JsonNumbers.put(n, "estimate", m.estimate());
        ObjectNode i = n.putObject("interval");
        JsonNumbers.put(i, "lower", m.lower());
        JsonNumbers.put(i, "lowerConfidence", m.lowerConfidence());
        JsonNumbers.put(i, "upper", m.upper());
        JsonNumbers.put(i, "upperConfidence", m.upperConfidence());
        JsonNumbers.put(n, "threshold", m.threshold());
        n.put("test", m.test());
        JsonNumbers.put(n, "pValue", m.pValue());
        JsonNumbers.put(n, "holmAdjustedPValue", m.adjustedPValue());
        n.put("classification", m.classification().name());
        n.put("reason", m.reason());
        n.put("requiredRequestsPerArm", m.requiredPerArm());
    }

}
