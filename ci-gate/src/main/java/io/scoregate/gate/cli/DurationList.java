package io.scoregate.gate.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations the way people write them on a command line: 500ms, 30s, 10m, 1h, or a comma list. */
public final class DurationList {

    private static final Pattern ONE = Pattern.compile("(\\d+)(ms|s|m|h)");

    private DurationList() {
    }

    public static Duration parseOne(String option, String text) {
        Matcher m = ONE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("`" + option + "` must be a duration like 500ms, 30s, 10m or 1h, but was '"
                    + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    public static List<Duration> parse(String option, String text) {
        List<Duration> out = new ArrayList<>();
        for (String part : text.split(",")) {
            out.add(parseOne(option, part));
        }
        return out;
    }
}
