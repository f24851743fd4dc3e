package io.scoregate.gate.analyze.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number and time formatting shared by the human-readable writers. */
final class Fmt {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Fmt() {
    }

    static String ms(double v) {
        return v >= 10 ? String.format(Locale.ROOT, "%.0f ms", v) : String.format(Locale.ROOT, "%.1f ms", v);
    }

    static String pct(double fraction) {
        double p = 100 * fraction;
        if (p > 0 && p < 0.1) {
            return "<0.1%";
        }
        if (p > 99 && p < 100) { // 99.96% is not "100%": round down to show it is not all
            return String.format(Locale.ROOT, "%.1f%%", Math.floor(p * 10) / 10);
        }
        return p > 0 && p < 1 ? String.format(Locale.ROOT, "%.1f%%", p) : Math.round(p) + "%";
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return "inf";
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
    }

    static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    static String dateTime(Instant t) {
        return DATE_TIME.format(t) + " UTC";
    }
}
