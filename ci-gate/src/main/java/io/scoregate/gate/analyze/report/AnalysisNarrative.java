package io.scoregate.gate.analyze.report;

import io.scoregate.gate.report.Format;
import io.scoregate.gate.analyze.Control;
import io.scoregate.gate.analyze.EvidenceStrength;
import io.scoregate.gate.analyze.GroupStats;
import io.scoregate.gate.analyze.Incident;
import io.scoregate.gate.analyze.IncidentAnalysis;
import io.scoregate.gate.analyze.NotCorrelated;
import io.scoregate.gate.analyze.Signal;
import io.scoregate.gate.analyze.Suspect;
import io.scoregate.gate.analyze.ValueStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        return "Incident analysis: " + a.analysedRequests() + " requests from " + Format.dateTime(a.firstRequest())
                + " to " + Format.dateTime(a.lastRequest());
    }

    static String headline(IncidentAnalysis a) {
        if (a.incidents().size() > 1) {
            List<String> lines = new ArrayList<>();
            for (Incident i : a.incidents()) {
                lines.add(summary(i));
            }
            return a.incidents().size() + " incidents, in time order: " + String.join("; ", lines) + ".";
        }
        var primary = a.primary();
        if (a.strength() == EvidenceStrength.NONE) {
            return "No incident found: no change in latency, timeout rate or error rate stands out from chance, so "
                    + "there is no cause to name.";
        }
        if (primary.isEmpty()) {
            return a.startedAt().isPresent()
                    ? "No cause found: the service got worse from " + Format.clockTime(a.startedAt().get())
                    + ", but no single value of any dimension explains at least 10% of the degraded requests."
                    : "No cause found: no degradation over time and no value that stands out.";
        }
        return cause(primary.get()) + (a.incidents().isEmpty() ? "" : " " + Format.capitalized(signals(a.incidents().get(0)))
                + " from " + Format.clockTime(a.incidents().get(0).startedAt().orElseThrow()) + ".");
    }

    /** "1. from 14:08:00, modelVersion=v6.1, latency and timeout rate (142 ms -> 480 ms)". */
    static String summary(Incident i) {
        return i.number() + ". from " + i.startedAt().map(Format::clockTime).orElse("?") + ", "
                + i.primary().map(Suspect::label).orElse("no single cause") + ", " + signals(i) + " ("
                + (i.signal() == Signal.LATENCY ? "successful requests' geometric mean " : "")
                + level(i.signal(), i.levelBefore()) + " -> " + level(i.signal(), i.levelAfter()) + ")";
    }

    static String signals(Incident i) {
        List<String> names = i.signals().stream().map(Signal::label).toList();
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static String level(Signal s, double v) {
        return s == Signal.LATENCY ? Format.readableMs(v) : Format.share(v);
    }

    private static String cause(Suspect s) {
        return "Primary cause: " + s.label() + " explains " + Format.share(s.score()) + " of the degradation ("
                + Format.share(s.insideAfter().degradedRate()) + " of its requests degraded vs "
                + Format.share(s.outsideAfter().degradedRate()) + " of the others; risk ratio "
                + Format.readableNum(s.adjustedRiskRatio()) + " after holding the other dimensions fixed)"
                + inseparable(s) + ".";
    }

    static String strength(IncidentAnalysis a) {
        if (a.incidents().size() > 1) {
            return "Strength of evidence: " + String.join(", ", a.incidents().stream()
                    .map(i -> "incident " + i.number() + " " + i.strength().name().toLowerCase(Locale.ROOT)).toList())
                    + " (the reasons are under each incident).";
        }
        return "Strength of evidence: " + a.strength().name().toLowerCase(Locale.ROOT) + " - " + a.strengthReason()
                + ".";
    }

    static List<Section> sections(IncidentAnalysis a) {
        List<Section> out = new ArrayList<>();
        if (a.incidents().size() > 1) {
            for (Incident i : a.incidents()) {
                List<String> items = new ArrayList<>();
                items.add(i.primary().map(AnalysisNarrative::cause).orElse("No single value of any dimension "
                        + "explains at least 10% of this incident's new degraded requests."));
                items.add("Strength of evidence: " + i.strength().name().toLowerCase(Locale.ROOT) + " - "
                        + i.strengthReason() + ".");
                items.addAll(evidence(i));
                others(i).forEach(o -> items.add("Other suspect " + o));
                out.add(new Section(title(i), items));
            }
        } else {
            a.shown().stream().findFirst().ifPresent(i -> out.add(new Section("Supporting evidence", evidence(i))));
        }
        out.add(new Section("Timeline", timeline(a)));
        if (a.incidents().size() <= 1) {
            List<String> others = a.shown().stream().findFirst().map(AnalysisNarrative::others).orElse(List.of());
            if (!others.isEmpty()) {
                out.add(new Section("Other suspects", others));
            }
        }
        List<String> nc = a.notCorrelated().stream().map(AnalysisNarrative::notCorrelated).toList();
        if (!nc.isEmpty()) {
            out.add(new Section("Does not correlate", nc));
        }
        out.add(new Section("Input", input(a)));
        return out;
    }

    /** "Incident 2: from 14:15:00, error rate, until 14:20:00". */
    static String title(Incident i) {
        return "Incident " + i.number() + ": from " + i.startedAt().map(Format::clockTime).orElse("?") + ", " + signals(i)
                + i.endedAt().map(t -> ", until " + Format.clockTime(t)).orElse("");
    }

    private static List<String> evidence(Incident i) {
        List<String> out = new ArrayList<>();
        var primary = i.primary();
        if (primary.isEmpty()) {
            out.add("Before the change: " + group(i.before(), i.signal()) + ".");
            out.add("After the change: " + group(i.after(), i.signal()) + ".");
            return out;
        }
        Suspect s = primary.get();
        for (ValueStats v : i.primaryDimension()) {
            out.add(s.dimension() + " " + v.value() + ": " + group(v.stats(), i.signal()) + ".");
        }
        out.add("After the change, " + s.label() + ": " + group(s.insideAfter(), i.signal()) + "; everything else: "
                + group(s.outsideAfter(), i.signal()) + ".");
        out.add(s.label() + " carries " + Format.share(s.support()) + " of the degraded requests but only "
                + Format.share(s.baselineShare()) + " of the rest (support; BubbleUp's comparison with the baseline).");
        for (Control c : s.controls()) {
            out.add(control(s, c));
        }
        out.add("A request counts as degraded when it " + switch (i.signal()) {
            case LATENCY -> "timed out or took longer than " + Format.readableMs(i.slowThresholdMs())
                    + " (the 90th percentile before the change); errors belong to the error rate.";
            case TIMEOUT_RATE -> "timed out.";
            case ERROR_RATE -> "failed with ERROR.";
            case SLOW_OR_FAILED -> "timed out or failed, or took longer than " + Format.readableMs(i.slowThresholdMs())
                    + " (the 99th percentile before the change).";
        });
        return out;
    }

    private static String control(Suspect s, Control c) {
        if (Double.isNaN(c.riskRatio()) || c.informativeShare() < 0.05) {
            return "Holding " + c.dimension() + " fixed is not possible: " + s.label() + " never shares a "
                    + c.dimension() + " value with other requests.";
        }
        return "Within each " + c.dimension() + " value, " + s.label() + " is still "
                + Format.readableNum(c.riskRatio()) + "x as likely to be degraded (Mantel-Haenszel)"
                + (c.riskRatio() > 1.5 ? ", so " + c.dimension() + " does not explain it away." : ".");
    }

    private record Event(java.time.Instant at, String text) {
    }

    private static List<String> timeline(IncidentAnalysis a) {
        List<Event> ev = new ArrayList<>();
        ev.add(new Event(a.firstRequest(), "log starts" + (a.before().requests() > 0
                ? "; before the change: " + group(a.before()) : "")));
        boolean several = a.incidents().size() > 1;
        for (Incident i : a.shown()) {
            i.primary().ifPresent(s -> ev.add(new Event(s.firstSeen(), s.insideBefore().requests() == 0
                    ? s.label() + " appears" : "first request of " + s.label() + " in the log")));
            String change = i.signal() == Signal.SLOW_OR_FAILED ? ""
                    : "; " + i.signal().label() + " " + level(i.signal(), i.levelBefore()) + " -> "
                    + level(i.signal(), i.levelAfter());
            i.startedAt().ifPresent(t -> ev.add(new Event(t, (several ? "incident " + i.number() + " starts ("
                    + i.primary().map(Suspect::label).orElse("no single cause") + ")" : "degradation starts")
                    + change + "; after it: " + group(i.after()))));
            i.endedAt().ifPresent(t -> ev.add(new Event(t, (several ? "incident " + i.number() + ": " : "")
                    + "the " + i.signal().label() + " improves again")));
        }
        a.latencyChange().ifPresent(c -> ev.add(new Event(c.at(), "best split of the overall latency series "
                + "(all requests mixed; geometric mean " + Format.readableMs(c.before()) + " -> " + Format.readableMs(c.after())
                + ", t = " + Format.readableNum(c.statistic()) + ")")));
        a.failureChange().ifPresent(c -> ev.add(new Event(c.at(), "best split of the overall timeout/error rate ("
                + Format.share(c.before()) + " -> " + Format.share(c.after()) + ", z = " + Format.readableNum(c.statistic()) + ")")));
        ev.add(new Event(a.lastRequest(), "log ends"));
        ev.sort(java.util.Comparator.comparing(Event::at));
        return ev.stream().map(e -> Format.clockTime(e.at()) + " - " + e.text()).toList();
    }

    private static List<String> others(Incident i) {
        List<String> out = new ArrayList<>();
        var primary = i.primary();
        for (Suspect s : i.suspects()) {
            if (primary.isPresent() && primary.get() == s) {
                continue;
            }
            String line = s.rank() + ". " + s.label() + ": explains " + Format.share(s.score()) + " (crude "
                    + Format.share(s.crudeScore()) + ", risk ratio " + Format.readableNum(s.riskRatio()) + ", degraded "
                    + Format.share(s.insideAfter().degradedRate()) + " of " + s.insideAfter().requests() + " requests)";
            if (s.explainedBy().isEmpty() && s.changeShare() < 0.10 && s.crudeScore() >= 0.10) {
                line += "; it was as degraded before this change, so it did not start it";
            }
            if (!s.explainedBy().isEmpty()) {
                line += "; explained by " + String.join(", ", s.explainedBy()) + ": once it is held fixed the risk "
                        + "ratio falls to " + Format.readableNum(s.adjustedRiskRatio());
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
        return group(g, Signal.SLOW_OR_FAILED);
    }

    /** A group's requests; for a timeout or error incident, its share of that kind of failure. */
    static String group(GroupStats g, Signal signal) {
        if (g.requests() == 0) {
            return "no requests";
        }
        String range = g.maxMs() > 0 ? Format.readableMs(g.minMs()).replace(" ms", "") + "-" + Format.readableMs(g.maxMs()) + ", " : "";
        String p95 = g.requests() > g.failed() ? ", p95 of the successful ~" + Format.readableMs(g.p95Ms()) : "";
        String bad = switch (signal) {
            case TIMEOUT_RATE -> Format.share(g.degradedRate()) + " timed out (" + g.degraded();
            case ERROR_RATE -> Format.share(g.degradedRate()) + " failed with ERROR (" + g.degraded();
            case LATENCY, SLOW_OR_FAILED -> Format.share(g.failureRate()) + " timed out or failed (" + g.failed();
        };
        return requests(g.requests()) + ", " + range + "mean " + Format.readableMs(g.meanMs()) + p95 + ", " + bad + "/"
                + g.requests() + ")";
    }
}
