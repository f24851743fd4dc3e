package io.scoregate.gate.report;

import io.scoregate.gate.capacity.CapacityStep;
import io.scoregate.gate.capacity.CapacityVerdict;
import io.scoregate.gate.capacity.SloCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The capacity table as plain cells, one row per step, for the Markdown and HTML writers to escape and lay out
 * alike: the rate, then each version's p95 with its bounds, timeout rate and SLO status, then the judge's verdict
 * at that rate. A version that did not run at a rate (it had failed already) shows "-".
 */
final class CapacityRows {

    static final List<String> HEADER = List.of("rate req/s", "baseline p95 ms [bounds]", "baseline timeouts",
            "baseline SLO", "candidate p95 ms [bounds]", "candidate timeouts", "candidate SLO", "judge at this rate");

    private CapacityRows() {
    }

    static List<List<String>> of(CapacityVerdict v) {
        List<List<String>> rows = new ArrayList<>();
        for (CapacityStep s : v.steps()) {
            List<String> row = new ArrayList<>();
            row.add(String.format(Locale.ROOT, s.ratePerSecond() >= 100 ? "%.0f" : "%.1f", s.ratePerSecond()));
            side(row, s.baseline());
            side(row, s.candidate());
            row.add(s.judged().map(Enum::name).orElse("-"));
            rows.add(row);
        }
        return rows;
    }

    /** The sentence under the table: the SLO and why stepping stopped. */
    static String footnote(CapacityVerdict v) {
        String stop = switch (v.stop()) {
            case BOTH_FAILED -> "both versions failed the SLO";
            case GENERATOR_BEHIND -> "the load generator fell behind its schedule";
            case MAX_RATE -> "the plan's last rate was run";
        };
        return String.format(Locale.ROOT, "SLO: p95 <= %s ms and timeouts <= %s%% (bounds at the policy's alpha; "
                        + "failure Bonferroni-corrected over the steps); BLOCK under %s x the baseline's capacity. "
                        + "Stepping stopped because %s.", Format.plain(v.limits().maxP95Ms()),
                Format.plain(v.limits().maxTimeoutRate() * 100), Format.plain(v.limits().minRatio()), stop)
                + (v.lowerBoundsOnly() ? " Both capacities are only lower bounds." : "");
    }

    private static void side(List<String> row, Optional<SloCheck> check) {
        if (check.isEmpty()) {
            row.add("-");
            row.add("-");
            row.add("-");
            return;
        }
        SloCheck c = check.get();
        row.add(Double.isFinite(c.p95Ms()) ? Format.ms(c.p95Ms()) + " [" + Format.ms(c.p95LowerMs()) + ", "
                + Format.ms(c.p95UpperMs()) + "]" : "n/a");
        row.add(Format.pct(c.timeoutRate()) + " of " + c.requests());
        row.add(c.status().name());
    }
}
