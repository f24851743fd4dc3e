package io.scoregate.gate.analyze.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
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
 * none of the incidents; the overall change points, the read summary and the chart series. The fields are
 * written explicitly so their names are a contract written in one place, not a side effect of record
 * accessors; NaN becomes null. Streamed with jackson-core and the pretty printer of ObjectMapper's
 * INDENT_OUTPUT (the same bytes as the tree it once built): databind's start-up alone cost every analyze run
 * about 0.2 s.
 */
public final class JsonAnalysisWriter implements AnalysisWriter {

    private static final JsonFactory JSON = new JsonFactory()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // the caller owns the writer

    @Override
    public void write(IncidentAnalysis a, Writer out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            string(g, "startedAt", a.startedAt().map(Object::toString).orElse(null));
            string(g, "primaryCause", a.primary().map(Suspect::label).orElse(null));
            string(g, "evidenceStrength", a.strength().name());
            string(g, "evidenceNote", a.strengthReason());
            string(g, "summary", AnalysisNarrative.headline(a));
            suspects(g, a.suspects());
            // only dimensions that explain none of the incidents (the first incident's own list is in incidents[0])
            notCorrelated(g, a.notCorrelated());
            g.writeArrayFieldStart("incidents");
            for (Incident i : a.incidents()) {
                incident(g, i);
            }
            g.writeEndArray();
            change(g, "latencyChange", a.latencyChange());
            change(g, "failureRateChange", a.failureChange());
            rounded(g, "slowThresholdMs", a.slowThresholdMs());
            group(g, "before", a.before());
            group(g, "after", a.after());
            g.writeObjectFieldStart("input");
            strings(g, "files", a.files());
            g.writeNumberField("lines", a.read().lines());
            g.writeNumberField("validRecords", a.read().records());
            g.writeNumberField("malformedLines", a.read().malformed());
            strings(g, "malformedExamples", a.read().malformedExamples());
            g.writeNumberField("rejectedIgnored", a.rejectedIgnored());
            g.writeNumberField("analysedRequests", a.analysedRequests());
            string(g, "firstRequest", a.firstRequest().toString());
            string(g, "lastRequest", a.lastRequest().toString());
            g.writeNumberField("slotWidthMs", a.slotWidth().toMillis());
            g.writeEndObject();
            strings(g, "notes", a.notes());
            g.writeArrayFieldStart("chart");
            for (var p : a.chart()) {
                g.writeStartObject();
                string(g, "slotStart", p.slotStart().toString());
                g.writeNumberField("insideRequests", p.insideRequests());
                rounded(g, "insideMeanMs", p.insideMeanMs());
                rounded(g, "insideFailureRate", p.insideFailureRate());
                g.writeNumberField("outsideRequests", p.outsideRequests());
                rounded(g, "outsideMeanMs", p.outsideMeanMs());
                rounded(g, "outsideFailureRate", p.outsideFailureRate());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void incident(JsonGenerator g, Incident i) throws IOException {
        g.writeStartObject();
        g.writeNumberField("number", i.number());
        string(g, "startedAt", i.startedAt().map(Object::toString).orElse(null));
        string(g, "endedAt", i.endedAt().map(Object::toString).orElse(null));
        string(g, "signal", i.signal().key());
        strings(g, "signals", i.signals().stream().map(sg -> sg.key()).toList());
        rounded(g, "levelBefore", i.levelBefore());
        rounded(g, "levelAfter", i.levelAfter());
        rounded(g, "statistic", i.statistic());
        string(g, "primaryCause", i.primary().map(Suspect::label).orElse(null));
        string(g, "evidenceStrength", i.strength().name());
        string(g, "evidenceNote", i.strengthReason());
        string(g, "summary", AnalysisNarrative.summary(i));
        suspects(g, i.suspects());
        notCorrelated(g, i.notCorrelated());
        rounded(g, "slowThresholdMs", i.slowThresholdMs());
        group(g, "before", i.before());
        group(g, "after", i.after());
        g.writeEndObject();
    }

    private static void suspects(JsonGenerator g, List<Suspect> list) throws IOException {
        g.writeArrayFieldStart("suspects");
        for (Suspect s : list) {
            suspect(g, s);
        }
        g.writeEndArray();
    }

    private static void notCorrelated(JsonGenerator g, List<NotCorrelated> list) throws IOException {
        g.writeArrayFieldStart("notCorrelated");
        for (NotCorrelated n : list) {
            g.writeStartObject();
            string(g, "dimension", n.dimension());
            string(g, "reason", n.reason());
            rounded(g, "maxScore", n.maxScore());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void suspect(JsonGenerator g, Suspect s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("rank", s.rank());
        string(g, "dimension", s.dimension());
        string(g, "value", s.value());
        rounded(g, "score", s.score());
        g.writeObjectFieldStart("evidence");
        rounded(g, "crudeScore", s.crudeScore());
        rounded(g, "riskRatio", s.riskRatio());
        rounded(g, "adjustedRiskRatio", s.adjustedRiskRatio());
        rounded(g, "support", s.support());
        rounded(g, "baselineShare", s.baselineShare());
        rounded(g, "changeShare", s.changeShare());
        strings(g, "explainedBy", s.explainedBy());
        strings(g, "inseparableFrom", s.inseparableFrom());
        g.writeArrayFieldStart("controls");
        for (Control c : s.controls()) {
            g.writeStartObject();
            string(g, "dimension", c.dimension());
            rounded(g, "riskRatio", c.riskRatio());
            rounded(g, "informativeShare", c.informativeShare());
            g.writeEndObject();
        }
        g.writeEndArray();
        group(g, "insideBefore", s.insideBefore());
        group(g, "insideAfter", s.insideAfter());
        group(g, "outsideBefore", s.outsideBefore());
        group(g, "outsideAfter", s.outsideAfter());
        string(g, "firstSeen", s.firstSeen().toString());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void change(JsonGenerator g, String name, Optional<ChangePoint> cp) throws IOException {
        if (cp.isEmpty()) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        string(g, "at", cp.get().at().toString());
        rounded(g, "statistic", cp.get().statistic());
        rounded(g, "before", cp.get().before());
        rounded(g, "after", cp.get().after());
        g.writeEndObject();
    }

    private static void group(JsonGenerator g, String name, GroupStats s) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("requests", s.requests());
        g.writeNumberField("failed", s.failed());
        rounded(g, "failureRate", s.failureRate());
        g.writeNumberField("degraded", s.degraded());
        rounded(g, "degradedRate", s.degradedRate());
        rounded(g, "meanMs", s.meanMs());
        rounded(g, "p50Ms", s.p50Ms());
        rounded(g, "p95Ms", s.p95Ms());
        rounded(g, "minMs", s.minMs());
        rounded(g, "maxMs", s.maxMs());
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /**
     * A report's latency or rate rounded to six decimals (not its binary noise), as
     * {@link io.scoregate.gate.report.JsonNumbers#putRounded} does for trees; not finite becomes null.
     */
    private static void rounded(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(name, Math.round(v * 1e6) / 1e6);
        } else {
            g.writeNullField(name);
        }
    }
}
