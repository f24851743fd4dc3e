package io.scoregate.gate.analyze.report;

import io.scoregate.gate.analyze.Control;
import io.scoregate.gate.analyze.GroupStats;
import io.scoregate.gate.analyze.IncidentAnalysis;
import io.scoregate.gate.analyze.NotCorrelated;
import io.scoregate.gate.analyze.Suspect;
import io.scoregate.gate.analyze.ValueStats;
import java.util.ArrayList;
import java.util.List;

/**
 * The analysis as sentences, in the order of the incident write-up's root-cause section: primary cause,
 * supporting evidence, timeline, what does not correlate. Text, Markdown and HTML render the same
 * sentences, so they never disagree.
 */
final class AnalysisNarrative {

    /** A titled list of sentences. */
    record Section(String title, List<String> items) {
    }

    private AnalysisNarrative() {
    }

    static String title(IncidentAnalysis a) {
        return "Incident analysis: " + a.analysedRequests() + " requests from " + Fmt.dateTime(a.firstRequest())
                + " to " + Fmt.dateTime(a.lastRequest());
    }

    static String headline(IncidentAnalysis a) {
        var primary = a.primary();
        if (a.strength() == io.scoregate.gate.analyze.EvidenceStrength.NONE) {
            return "No degradation found: the later requests are not worse than the earlier ones, so there is no "
                    + "cause to name.";
        }
        if (primary.isEmpty()) {
            return a.startedAt().isPresent()
                    ? "No cause found: the service got worse from " + Fmt.time(a.startedAt().get())
                    + ", but no single value of any dimension explains at least 10% of the degraded requests."
                    : "No cause found: no degradation over time and no value that stands out.";
        }
        Suspect s = primary.get();
        return "Primary cause: " + s.label() + " explains " + Fmt.pct(s.score()) + " of the degradation ("
                + Fmt.pct(s.insideAfter().degradedRate()) + " of its requests degraded vs "
                + Fmt.pct(s.outsideAfter().degradedRate()) + " of the others; risk ratio "
                + Fmt.num(s.adjustedRiskRatio()) + " after holding the other dimensions fixed)"
                + inseparable(s) + ".";
    }

    static String strength(IncidentAnalysis a) {
        return "Strength of evidence: " + a.strength().name().toLowerCase(java.util.Locale.ROOT) + " - "
                + a.strengthReason() + ".";
    }

    static List<Section> sections(IncidentAnalysis a) {
        List<Section> out = new ArrayList<>();
        out.add(new Section("Supporting evidence", evidence(a)));
        out.add(new Section("Timeline", timeline(a)));
        List<String> others = others(a);
        if (!others.isEmpty()) {
            out.add(new Section("Other suspects", others));
        }
        List<String> nc = a.notCorrelated().stream().map(AnalysisNarrative::notCorrelated).toList();
        if (!nc.isEmpty()) {
            out.add(new Section("Does not correlate", nc));
        }
        out.add(new Section("Input", input(a)));
        return out;
    }

    private static List<String> evidence(IncidentAnalysis a) {
        List<String> out = new ArrayList<>();
        var primary = a.primary();
        if (primary.isEmpty()) {
            out.add("Before the change: " + group(a.before()) + ".");
            out.add("After the change: " + group(a.after()) + ".");
            return out;
        }
        Suspect s = primary.get();
        for (ValueStats v : a.primaryDimension()) {
            out.add(s.dimension() + " " + v.value() + ": " + group(v.stats()) + ".");
        }
        out.add("After the change, " + s.label() + ": " + group(s.insideAfter()) + "; everything else: "
                + group(s.outsideAfter()) + ".");
        out.add(s.label() + " carries " + Fmt.pct(s.support()) + " of the degraded requests but only "
                + Fmt.pct(s.baselineShare()) + " of the rest (support; BubbleUp's comparison with the baseline).");
        for (Control c : s.controls()) {
            out.add(control(s, c));
        }
        out.add("A request counts as degraded when it timed out or failed, or took longer than "
                + Fmt.ms(a.slowThresholdMs()) + " (the 99th percentile before the change).");
        return out;
    }

    private static String control(Suspect s, Control c) {
        if (Double.isNaN(c.riskRatio()) || c.informativeShare() < 0.05) {
            return "Holding " + c.dimension() + " fixed is not possible: " + s.label() + " never shares a "
                    + c.dimension() + " value with other requests.";
        }
        return "Within each " + c.dimension() + " value, " + s.label() + " is still "
                + Fmt.num(c.riskRatio()) + "x as likely to be degraded (Mantel-Haenszel)"
                + (c.riskRatio() > 1.5 ? ", so " + c.dimension() + " does not explain it away." : ".");
    }

    private record Event(java.time.Instant at, String text) {
    }

    private static List<String> timeline(IncidentAnalysis a) {
        List<Event> ev = new ArrayList<>();
        ev.add(new Event(a.firstRequest(), "log starts" + (a.before().requests() > 0
                ? "; before the change: " + group(a.before()) : "")));
        a.primary().ifPresent(s -> ev.add(new Event(s.firstSeen(), s.insideBefore().requests() == 0
                ? s.label() + " appears" : "first request of " + s.label() + " in the log")));
        a.startedAt().ifPresent(t -> ev.add(new Event(t, "degradation starts; after it: " + group(a.after()))));
        a.latencyChange().ifPresent(c -> ev.add(new Event(c.at(), "best split of the overall latency series "
                + "(all requests mixed; geometric mean " + Fmt.ms(c.before()) + " -> " + Fmt.ms(c.after())
                + ", t = " + Fmt.num(c.statistic()) + ")")));
        a.failureChange().ifPresent(c -> ev.add(new Event(c.at(), "best split of the overall timeout/error rate ("
                + Fmt.pct(c.before()) + " -> " + Fmt.pct(c.after()) + ", z = " + Fmt.num(c.statistic()) + ")")));
        ev.add(new Event(a.lastRequest(), "log ends"));
        ev.sort(java.util.Comparator.comparing(Event::at));
        return ev.stream().map(e -> Fmt.time(e.at()) + " - " + e.text()).toList();
    }

    private static List<String> others(IncidentAnalysis a) {
        List<String> out = new ArrayList<>();
        var primary = a.primary();
        for (Suspect s : a.suspects()) {
            if (primary.isPresent() && primary.get() == s) {
                continue;
            }
            String line = s.rank() + ". " + s.label() + ": explains " + Fmt.pct(s.score()) + " (crude "
                    + Fmt.pct(s.crudeScore()) + ", risk ratio " + Fmt.num(s.riskRatio()) + ", degraded "
                    + Fmt.pct(s.insideAfter().degradedRate()) + " of " + s.insideAfter().requests() + " requests)";
            if (!s.explainedBy().isEmpty()) {
                line += "; explained by " + String.join(", ", s.explainedBy()) + ": once it is held fixed the risk "
                        + "ratio falls to " + Fmt.num(s.adjustedRiskRatio());
            }
            out.add(line + inseparable(s));
        }
        return out;
    }

    private static String inseparable(Suspect s) {
        return s.inseparableFrom().isEmpty() ? ""
                : "; cannot be separated from " + String.join(", ", s.inseparableFrom())
                + " (they always occur together in this log, so the log alone cannot say which one is the cause)";
    }

    private static String notCorrelated(NotCorrelated n) {
        return n.dimension() + ": " + n.reason() + ".";
    }

    private static List<String> input(IncidentAnalysis a) {
        List<String> out = new ArrayList<>();
        out.add(a.read().lines() + " lines in " + a.files().size() + " file(s) (" + String.join(", ", a.files())
                + "), " + a.read().records() + " valid, " + a.read().malformed() + " malformed; time slots of "
                + a.slotWidth().toMillis() + " ms.");
        out.addAll(a.notes());
        a.read().malformedExamples().forEach(e -> out.add("Malformed: " + e));
        return out;
    }

    static String requests(long n) {
        return n == 1 ? "1 request" : n + " requests";
    }

    static String group(GroupStats g) {
        if (g.requests() == 0) {
            return "no requests";
        }
        String range = g.maxMs() > 0 ? Fmt.ms(g.minMs()).replace(" ms", "") + "-" + Fmt.ms(g.maxMs()) + ", " : "";
        String p95 = g.requests() > g.failed() ? ", p95 of the successful ~" + Fmt.ms(g.p95Ms()) : "";
        return requests(g.requests()) + ", " + range + "mean " + Fmt.ms(g.meanMs()) + p95 + ", " + Fmt.pct(g.failureRate()) + " timed out or failed (" + g.failed() + "/" + g.requests() + ")";
    }
}
