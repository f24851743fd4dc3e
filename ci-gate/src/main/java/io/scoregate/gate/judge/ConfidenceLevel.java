package io.scoregate.gate.judge;

import java.util.Locale;

/** How a confidence level is written in verdicts and reports: {@code 95%}, {@code 99.5%}, {@code 98.33%}. */
public final class ConfidenceLevel {

    private ConfidenceLevel() {
    }

    public static String text(double level) {
        return Double.isFinite(level)
                ? String.format(Locale.ROOT, "%.4g%%", level * 100).replaceAll("\\.?0+%$", "%") : "n/a";
    }
}
