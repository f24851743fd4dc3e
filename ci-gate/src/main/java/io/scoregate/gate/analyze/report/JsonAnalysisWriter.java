package io.scoregate.gate.analyze.report;

import io.scoregate.gate.report.JsonNumbers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scoregate.gate.analyze.ChangePoint;
import io.scoregate.gate.analyze.Control;
import io.scoregate.gate.analyze.GroupStats;
import io.scoregate.gate.analyze.Incident;
import io.scoregate.gate.analyze.IncidentAnalysis;
import io.scoregate.gate.analyze.NotCorrelated;
import io.scoregate.gate.analyze.Suspect;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;

/**
 * The analysis as one JSON document for machines: {@code incidents} (time order, each with its start,
 * signal, ranked suspects and own {@code notCorrelated}); for compatibility the first incident's
 * {@code startedAt} (ISO-8601, null when no degradation was found) and ranked {@code suspects} (dimension,
 * value, score and evidence) at the top, with {@code notCorrelated} holding only the dimensions that explain
 * none of the incidents; the overall change points, the read summary and the chart series. The tree is built explicitly so the field names
 * are a contract written in one place, not a side effect of record accessors; NaN becomes null.
 */
public final class JsonAnalysisWriter implements AnalysisWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false); // the caller owns the writer

    @Override
    public void write(IncidentAnalysis a, Writer out) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("startedAt", a.startedAt().map(Object::toString).orElse(null));
        root.put("primaryCause", a.primary().map(Suspect::label).orElse(null));
        root.put("evidenceStrength", a.strength().name());
        root.put("evidenceNote", a.strengthReason());
        root.put("summary", AnalysisNarrative.headline(a));
        suspects(root, a.suspects());
        // only dimensions that explain none of the incidents (the first incident's own list is in incidents[0])
        notCorrelated(root, a.notCorrelated());
        ArrayNode incidents = root.putArray("incidents");
        for (Incident i : a.incidents()) {
            incidents.add(incident(i));
        }
        change(root, "latencyChange", a.latencyChange());
        change(root, "failureRateChange", a.failureChange());
        JsonNumbers.putRounded(root, "slowThresholdMs", a.slowThresholdMs());
        group(root.putObject("before"), a.before());
        group(root.putObject("after"), a.after());
        ObjectNode read = root.putObject("input");
        ArrayNode files = read.putArray("files");
        a.files().forEach(files::add);
        read.put("lines", a.read().lines());
        read.put("validRecords", a.read().records());
        read.put("malformedLines", a.read().malformed());
        ArrayNode ex = read.putArray("malformedExamples");
        a.read().malformedExamples().forEach(ex::add);
        read.put("rejectedIgnored", a.rejectedIgnored());
        read.put("analysedRequests", a.analysedRequests());
        read.put("firstRequest", a.firstRequest().toString());
        read.put("lastRequest", a.lastRequest().toString());
        read.put("slotWidthMs", a.slotWidth().toMillis());
        ArrayNode notes = root.putArray("notes");
        a.notes().forEach(notes::add);
        ArrayNode chart = root.putArray("chart");
        for (var p : a.chart()) {
            ObjectNode o = chart.addObject();
            o.put("slotStart", p.slotStart().toString());
            o.put("insideRequests", p.insideRequests());
            JsonNumbers.putRounded(o, "insideMeanMs", p.insideMeanMs());
            JsonNumbers.putRounded(o, "insideFailureRate", p.insideFailureRate());
            o.put("outsideRequests", p.outsideRequests());
            JsonNumbers.putRounded(o, "outsideMeanMs", p.outsideMeanMs());
            JsonNumbers.putRounded(o, "outsideFailureRate", p.outsideFailureRate());
        }
        MAPPER.writeValue(out, root);
        out.write('\n');
        out.flush();
    }

    private static ObjectNode incident(Incident i) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("number", i.number());
        o.put("startedAt", i.startedAt().map(Object::toString).orElse(null));
        o.put("endedAt", i.endedAt().map(Object::toString).orElse(null));
        o.put("signal", i.signal().key());
        ArrayNode signals = o.putArray("signals");
        i.signals().forEach(sg -> signals.add(sg.key()));
        JsonNumbers.putRounded(o, "levelBefore", i.levelBefore());
        JsonNumbers.putRounded(o, "levelAfter", i.levelAfter());
        JsonNumbers.putRounded(o, "statistic", i.statistic());
        o.put("primaryCause", i.primary().map(Suspect::label).orElse(null));
        o.put("evidenceStrength", i.strength().name());
        o.put("evidenceNote", i.strengthReason());
        o.put("summary", AnalysisNarrative.summary(i));
        suspects(o, i.suspects());
        notCorrelated(o, i.notCorrelated());
        JsonNumbers.putRounded(o, "slowThresholdMs", i.slowThresholdMs());
        group(o.putObject("before"), i.before());
        group(o.putObject("after"), i.after());
        return o;
    }

    private static void suspects(ObjectNode parent, List<Suspect> list) {
        ArrayNode suspects = parent.putArray("suspects");
        for (Suspect s : list) {
            suspects.add(suspect(s));
        }
    }

    private static void notCorrelated(ObjectNode parent, List<NotCorrelated> list) {
        ArrayNode nc = parent.putArray("notCorrelated");
        for (NotCorrelated n : list) {
            ObjectNode o = nc.addObject();
            o.put("dimension", n.dimension());
            o.put("reason", n.reason());
            JsonNumbers.putRounded(o, "maxScore", n.maxScore());
        }
    }

    private static ObjectNode suspect(Suspect s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("rank", s.rank());
        o.put("dimension", s.dimension());
        o.put("value", s.value());
        JsonNumbers.putRounded(o, "score", s.score());
        ObjectNode e = o.putObject("evidence");
        JsonNumbers.putRounded(e, "crudeScore", s.crudeScore());
        JsonNumbers.putRounded(e, "riskRatio", s.riskRatio());
        JsonNumbers.putRounded(e, "adjustedRiskRatio", s.adjustedRiskRatio());
        JsonNumbers.putRounded(e, "support", s.support());
        JsonNumbers.putRounded(e, "baselineShare", s.baselineShare());
        JsonNumbers.putRounded(e, "changeShare", s.changeShare());
        ArrayNode by = e.putArray("explainedBy");
        s.explainedBy().forEach(by::add);
        ArrayNode ins = e.putArray("inseparableFrom");
        s.inseparableFrom().forEach(ins::add);
        ArrayNode controls = e.putArray("controls");
        for (Control c : s.controls()) {
            ObjectNode co = controls.addObject();
            co.put("dimension", c.dimension());
            JsonNumbers.putRounded(co, "riskRatio", c.riskRatio());
            JsonNumbers.putRounded(co, "informativeShare", c.informativeShare());
        }
        group(e.putObject("insideBefore"), s.insideBefore());
        group(e.putObject("insideAfter"), s.insideAfter());
        group(e.putObject("outsideBefore"), s.outsideBefore());
        group(e.putObject("outsideAfter"), s.outsideAfter());
        e.put("firstSeen", s.firstSeen().toString());
        return o;
    }

    private static void change(ObjectNode root, String name, Optional<ChangePoint> cp) {
        if (cp.isEmpty()) {
            root.putNull(name);
            return;
        }
        ObjectNode o = root.putObject(name);
        o.put("at", cp.get().at().toString());
        JsonNumbers.putRounded(o, "statistic", cp.get().statistic());
        JsonNumbers.putRounded(o, "before", cp.get().before());
        JsonNumbers.putRounded(o, "after", cp.get().after());
    }

    private static void group(ObjectNode o, GroupStats g) {
        o.put("requests", g.requests());
        o.put("failed", g.failed());
        JsonNumbers.putRounded(o, "failureRate", g.failureRate());
        o.put("degraded", g.degraded());
        JsonNumbers.putRounded(o, "degradedRate", g.degradedRate());
        JsonNumbers.putRounded(o, "meanMs", g.meanMs());
        JsonNumbers.putRounded(o, "p50Ms", g.p50Ms());
        JsonNumbers.putRounded(o, "p95Ms", g.p95Ms());
        JsonNumbers.putRounded(o, "minMs", g.minMs());
        JsonNumbers.putRounded(o, "maxMs", g.maxMs());
    }

}
