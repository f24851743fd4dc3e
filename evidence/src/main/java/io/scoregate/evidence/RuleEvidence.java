package io.scoregate.evidence;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * One rule's anytime-valid evidence at a look.
 *
 * @param rule          which rule
 * @param trials        candidate requests the rule counted
 * @param events        of those, how many were timeouts / errors / in the tail
 * @param limit         the null rate (the limit; 0.05 for the tail share)
 * @param eValue        the evidence now (1 = none; it grows with evidence against the limit)
 * @param threshold     the e-value that rolls back: 1 / the rule's share of alpha
 * @param crossed       whether the evidence has ever reached the threshold (a crossing is final)
 * @param alwaysValidP  1 / the largest e-value seen at a look, capped at 1: a p-value valid under peeking
 * @param tailFromMillis for the tail rule, the latency counted as "in the tail" (limit x the baseline's p95
 *                       upper bound); empty until the baseline has enough requests to bound its p95
 */
public record RuleEvidence(SequentialRule rule, long trials, long events, double limit, double eValue,
                           double threshold, boolean crossed, double alwaysValidP, OptionalDouble tailFromMillis) {

    /** One sentence for progress lines and reports. */
    public String describe() {
        String what = rule == SequentialRule.P95_TAIL
                ? String.format(Locale.ROOT, "%d of %d candidate requests at or above %s", events, trials,
                tailFromMillis.isPresent() ? String.format(Locale.ROOT, "%.1f ms", tailFromMillis.getAsDouble())
                        : "(no baseline p95 bound yet)")
                : String.format(Locale.ROOT, "%d of %d candidate requests", events, trials);
        return String.format(Locale.ROOT, "%s: %s against %s; e-value %s %s %s (always-valid p %s)", rule.label(),
                what, percent(limit), compact(eValue), crossed ? ">=" : "<", compact(threshold), compact(alwaysValidP));
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.4g%%", rate * 100).replaceAll("\\.?0+%$", "%");
    }

    static String compact(double v) {
        if (v >= 1e5 || v > 0 && v < 1e-3) {
            return String.format(Locale.ROOT, "%.2g", v);
        }
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }
}
