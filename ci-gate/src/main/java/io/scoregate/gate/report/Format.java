package io.scoregate.gate.report;

import java.util.Locale;

/** Number formatting and escaping shared by every report writer (gate, rollout and analysis reports). */
public final class Format {

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

    static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f%%", v * 100) : "n/a";
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

    static String conf(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g%%", v * 100).replaceAll("\\.?0+%$", "%") : "n/a";
    }
}
