package io.scoregate.gate.rollout;

import io.scoregate.gate.report.Format;
import io.scoregate.gate.report.ReportWriter;
import java.util.List;
import java.util.Locale;

/** {@code <command>-junit.xml}: one test case per step, so CI's test tab shows where it stopped. */
public final class RolloutJunitReport implements ReportWriter<RolloutReport> {

    @Override
    public String fileName(RolloutReport report) {
        return report.command() + "-junit.xml";
    }

    @Override
    public String content(RolloutReport r) {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        List<String[]> cases = new java.util.ArrayList<>();
        for (TimelineEntry e : r.timeline()) {
            if (e.state() == RolloutState.SHIFTING || e.state() == RolloutState.PROMOTING
                    || e.state() == RolloutState.ROLLING_BACK || e.state() == RolloutState.FAILED) {
                cases.add(new String[] {e.state().name().toLowerCase(Locale.ROOT) + " " + e.note(), ""});
            }
        }
        r.rollbackSteps().forEach(s -> cases.add(new String[] {s.name(), s.ok() ? "" : s.result()}));
        cases.add(new String[] {r.command() + " outcome", r.exitCode() == 0 ? "" : r.outcome() + ": " + r.reason()});
        long failures = cases.stream().filter(c -> !c[1].isEmpty()).count();
        sb.append("<testsuite name=\"scoregate-").append(Format.escape(r.command())).append("\" tests=\"").append(cases.size())
                .append("\" failures=\"").append(failures).append("\">\n");
        for (String[] c : cases) {
            sb.append("  <testcase classname=\"scoregate.").append(Format.escape(r.command())).append("\" name=\"")
                    .append(Format.escape(c[0])).append('"');
            if (c[1].isEmpty()) {
                sb.append("/>\n");
            } else {
                sb.append("><failure message=\"").append(Format.escape(c[1])).append("\"/></testcase>\n");
            }
        }
        return sb.append("</testsuite>\n").toString();
    }
}
