package io.scoregate.gate.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number formatting and escaping shared by every report writer (gate, rollout and analysis reports). */
public final class Format {

    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Format() {
    }

    /** Escapes text for HTML and XML content and attribute values alike. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // XML 1.0 forbids most control characters even escaped: replace them
                    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                        b.append('?');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * User- or target-supplied text in Markdown (table cells, list items, prose): no pipes or line breaks that
     * would break the table or start a new block, and no raw HTML, which GitHub and most viewers render (a
     * target's error message {@code <img src=x onerror=...>} must arrive as text).
     */
    public static String cell(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '|' -> b.append("\\|");
                case '\r', '\n' -> b.append(' ');
                default -> b.append(c < 0x20 ? ' ' : c);
            }
        }
        return b.toString();
    }

    /**
     * Text inside a Markdown code span ({@code `...`}): HTML is not interpreted there (and entities would show
     * literally), but a backtick would end the span, a pipe the table cell and a line break the block.
     */
    public static String code(String s) {
        StringBuilder b = new StringBuilder(s.length() + 4);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '`' -> b.append('\'');
                case '|' -> b.append("\\|");
                default -> b.append(c < 0x20 ? ' ' : c);
            }
        }
        return b.toString();
    }

    static String ms(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "n/a";
    }

    /** A rate as a percentage with two decimals (tables beside limits): 0.05 is {@code 5.00%}. */
    public static String pct(double v) {
        return percent(v, 2);
    }

    /** A fraction as a percentage with {@code decimals} decimals; "n/a" when not finite. */
    public static String percent(double fraction, int decimals) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%." + decimals + "f%%", fraction * 100) : "n/a";
    }

    /**
     * A share for prose (analysis narratives): whole percent, a decimal below 1%, "<0.1%" for a trace, and 99.96%
     * rounded down so that "100%" only ever means all.
     */
    public static String share(double fraction) {
        double p = 100 * fraction;
        if (p > 0 && p < 0.1) {
            return "<0.1%";
        }
        if (p > 99 && p < 100) {
            return String.format(Locale.ROOT, "%.1f%%", Math.floor(p * 10) / 10);
        }
        return p > 0 && p < 1 ? String.format(Locale.ROOT, "%.1f%%", p) : Math.round(p) + "%";
    }

    /** A latency for prose, with its unit: {@code 12 ms}, {@code 3.4 ms}. */
    public static String readableMs(double v) {
        return v >= 10 ? String.format(Locale.ROOT, "%.0f ms", v) : String.format(Locale.ROOT, "%.1f ms", v);
    }

    /** A ratio or count for prose: two decimals below 100, none above; "n/a" and "inf" spelled out. */
    public static String readableNum(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return "inf";
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
    }

    public static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** {@code HH:mm:ss}, UTC. */
    public static String clockTime(Instant t) {
        return CLOCK_TIME.format(t);
    }

    /** {@code yyyy-MM-dd HH:mm:ss UTC}. */
    public static String dateTime(Instant t) {
        return DATE_TIME.format(t) + " UTC";
    }

    static String p(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : "n/a";
    }

    /** An e-value or threshold: 1436, 2.6e+07. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return v >= 1e5 || v > 0 && v < 1e-3 ? String.format(Locale.ROOT, "%.2g", v)
                : String.format(Locale.ROOT, "%.4g", v);
    }

    /** A configured number as it was written: 0.8, 250, 0.01 (no padding zeros). */
    static String plain(double v) {
        return Double.isFinite(v) ? java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : "n/a";
    }

    /** A confidence level: {@code 95%}, {@code 99.5%}. */
    public static String conf(double v) {
        return io.scoregate.gate.judge.ConfidenceLevel.text(v);
    }
}
