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

    /** Markdown table cells: no pipes or newlines from user text. */
    public static String cell(String s) {
        return s.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
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

    static String conf(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g%%", v * 100).replaceAll("\\.?0+%$", "%") : "n/a";
    }
}
