package io.scoregate.gate.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parses durations as people type them on a command line: 500ms, 90s, 2m, 1h, or ISO-8601 PT2M. */
final class DurationText {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)");

    private DurationText() {
    }

    /** A comma-separated list, e.g. {@code 10m,10m,15m}. */
    static java.util.List<Duration> parseList(String option, String text) throws ExitException {
        java.util.List<Duration> out = new java.util.ArrayList<>();
        for (String part : text.split(",")) {
            out.add(parse(option, part));
        }
        return out;
    }

    static Duration parse(String option, String text) throws ExitException {
        String t = text.trim().toLowerCase(Locale.ROOT);
        var m = SIMPLE.matcher(t);
        try {
            if (m.matches()) {
                long v = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(v);
                    case "s" -> Duration.ofSeconds(v);
                    case "m" -> Duration.ofMinutes(v);
                    default -> Duration.ofHours(v);
                };
            }
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            // 99999999999999999999s overflows a long: a typo, not a bug in the gate
            throw ExitException.invalidInput("`" + option + "` must be a duration such as 500ms, 90s, 2m or PT2M, but was " + text);
        }
    }
}
