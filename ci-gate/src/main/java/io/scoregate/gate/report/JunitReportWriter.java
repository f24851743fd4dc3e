package io.scoregate.gate.report;

import static io.scoregate.gate.report.Format.escape;

import io.scoregate.gate.judge.Classification;
import io.scoregate.gate.judge.MetricResult;
import io.scoregate.gate.judge.Verdict;

/**
 * gate-junit.xml: one test case per rule so CI test tabs show the gate. A rule past its limit, a freeze
 * without override, and a run that could not be judged are failures; a rule whose evidence straddles its
 * limit is a failure of type INCONCLUSIVE (never a pass, matching the exit code).
 */
public final class JunitReportWriter implements ReportWriter<GateReport> {

    public static final String FILE = "gate-junit.xml";

    @Override
    public String fileName(GateReport report) {
        return FILE;
    }

    @Override
    public String content(GateReport r) {
        return render(r);
    }

    public static String render(GateReport r) {
        StringBuilder cases = new StringBuilder();
        int failures = 0;
        int tests = 0;
        String suite = "gate " + r.candidate() + " vs " + r.baseline();
        tests++;
        if (r.window().blocks()) {
            failures++;
            cases.append(testcase(suite, "freeze window", "BLOCK_FREEZE", String.join(" ", r.reasons())));
        } else {
            cases.append(testcase(suite, "freeze window", null, null));
        }
        if (r.judgement().isPresent()) {
            var j = r.judgement().get();
            if (j.metrics().isEmpty()) {
                tests++;
                failures++;
                cases.append(testcase(suite, "enough evidence to judge", "INCONCLUSIVE", String.join(" ", j.reasons())));
            }
            for (MetricResult m : j.metrics()) {
                tests++;
                String type = switch (m.classification()) {
                    case EXCEEDS -> "BLOCK";
                    case UNCLEAR, NO_DATA -> "INCONCLUSIVE";
                    case WITHIN -> null;
                };
                if (type != null) {
                    failures++;
                }
                cases.append(testcase(suite, m.rule().label(), type, m.reason()));
            }
            if (j.sequential().isPresent()) {
                for (var rule : j.sequential().get().rules()) {
                    tests++;
                    if (rule.crossed()) {
                        failures++;
                    }
                    cases.append(testcase(suite, "anytime-valid " + rule.rule().label(), rule.crossed() ? "BLOCK" : null,
                            rule.describe()));
                }
            }
            if (r.verdict() == Verdict.INCONCLUSIVE && j.metrics().stream().noneMatch(m -> m.classification() != Classification.WITHIN)
                    && !j.metrics().isEmpty()) {
                tests++;
                failures++;
                cases.append(testcase(suite, "run conditions", "INCONCLUSIVE", String.join(" ", j.reasons())));
            }
        }
        if (r.capacity().isPresent()) {
            var v = r.capacity().get();
            tests++;
            String type = switch (v.verdict()) {
                case PASS -> null;
                case BLOCK -> "BLOCK";
                case INCONCLUSIVE -> "INCONCLUSIVE";
            };
            if (type != null) {
                failures++;
            }
            // a stable name, so CI test tabs track it from run to run; the numbers are in the properties
            cases.append(testcase(suite, "capacity within " + Format.plain(v.limits().minRatio())
                    + " x the baseline's", type, String.join(" ", v.reasons())));
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n<testsuite name=\"" + escape(suite) + "\" tests=\""
                + tests + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"0\" timestamp=\"" + r.decidedAt() + "\">\n"
                + properties(r) + cases + "</testsuite>\n</testsuites>\n";
    }

    /** The verdict, the window and any override, so the XML records them like every other report. */
    private static String properties(GateReport r) {
        StringBuilder p = new StringBuilder("  <properties>\n");
        property(p, "verdict", r.verdict().name());
        property(p, "exitCode", Integer.toString(r.exitCode()));
        property(p, "window.frozen", Boolean.toString(r.window().frozen()));
        r.window().until().ifPresent(u -> property(p, "window.until", u.toString()));
        r.capacity().ifPresent(v -> {
            property(p, "capacity.baseline", v.baseline().version() + " " + v.baseline().describe());
            property(p, "capacity.candidate", v.candidate().version() + " " + v.candidate().describe());
        });
        r.window().override().ifPresent(o -> {
            property(p, "override.approver", o.approver());
            property(p, "override.reason", o.reason());
            o.ticket().ifPresent(t -> property(p, "override.ticket", t));
        });
        return p.append("  </properties>\n").toString();
    }

    private static void property(StringBuilder p, String name, String value) {
        p.append("    <property name=\"").append(escape(name)).append("\" value=\"").append(escape(value)).append("\"/>\n");
    }

    private static String testcase(String suite, String name, String failureType, String message) {
        String head = "  <testcase classname=\"" + escape(suite) + "\" name=\"" + escape(name) + "\"";
        if (failureType == null) {
            return head + "/>\n";
        }
        return head + ">\n    <failure type=\"" + failureType + "\" message=\"" + escape(message) + "\">" + escape(message)
                + "</failure>\n  </testcase>\n";
    }
}
