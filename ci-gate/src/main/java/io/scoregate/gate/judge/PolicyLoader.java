package io.scoregate.gate.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.scoregate.gate.window.DatedWindow;
import io.scoregate.gate.window.FreezeSchedule;
import io.scoregate.gate.window.WeeklyWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a policy file (YAML, or JSON which is YAML too) over {@link Policy#DEFAULT}: every key optional,
 * unknown keys refused (a typo must not silently leave a default in force), every value range-checked
 * with a message naming the field. Walks the tree by hand rather than binding, so messages can say
 * exactly which field and why. Keys:
 * <pre>
 * alpha, power, detectableFactor, minRequestsPerArm, plannedCandidateShare, splitAlpha
 * thresholds: {meanLatencyRatio, p95LatencyRatio, timeoutRate, errorRate, timeoutRateIncrease, errorRateIncrease}
 * capacity: {maxP95 (milliseconds), maxTimeoutRate, minRatio}
 * freeze: {zone, weekly: [{name, from: "FRIDAY 15:00", to: "MONDAY 06:00"}],
 *          dates: [{name, date: 2026-12-25} | {name, from: 2026-12-24T12:00, to: 2027-01-02T06:00}]}
 * </pre>
 * {@code freeze.weekly}, when given, replaces the default weekend window (list it again to keep it);
 * {@code freeze.dates} adds one-off windows.
 */
public final class PolicyLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PolicyLoader() {
    }

    public static Policy load(Path file) throws InvalidPolicyException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidPolicyException("--policy", "The policy file " + file + " cannot be read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static Policy parse(String text, String source) throws InvalidPolicyException {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidPolicyException("--policy", "The policy " + source + " is not valid YAML or JSON: "
                    + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Policy.DEFAULT;
        }
        requireObject(root, "(policy)");
        allowOnly(root, "", Set.of("alpha", "power", "detectableFactor", "minRequestsPerArm", "plannedCandidateShare",
                "splitAlpha", "thresholds", "freeze", "capacity"));
        Policy d = Policy.DEFAULT;
        return new Policy(
                number(root, "alpha", d.alpha(), 1e-6, 0.5, false),
                number(root, "power", d.power(), 0.5, 0.9999, false),
                number(root, "detectableFactor", d.detectableFactor(), 1.01, 100, false),
                (int) number(root, "minRequestsPerArm", d.minRequestsPerArm(), 2, 100_000_000, true),
                number(root, "plannedCandidateShare", d.plannedCandidateShare(), 0.001, 0.999, false),
                number(root, "splitAlpha", d.splitAlpha(), 0, 0.5, false),
                thresholds(root.get("thresholds")),
                freeze(root.get("freeze")),
                capacity(root.get("capacity")));
    }

    /**
     * The {@code capacity:} block. The bounds keep each number meaningful: a p95 objective up to the load
     * generator's longest client timeout (60 s), a timeout rate strictly between 0 and 1, and a ratio in (0, 1]
     * (a ratio of 0 would never block, one above 1 would block a candidate as fast as its baseline).
     */
    private static CapacityLimits capacity(JsonNode n) throws InvalidPolicyException {
        CapacityLimits d = CapacityLimits.DEFAULT;
        if (n == null) {
            return d;
        }
        requireObject(n, "capacity");
        allowOnly(n, "capacity.", Set.of("maxP95", "maxTimeoutRate", "minRatio"));
        return new CapacityLimits(
                number(n, "capacity.", "maxP95", d.maxP95Ms(), 0.001, 60_000, false),
                number(n, "capacity.", "maxTimeoutRate", d.maxTimeoutRate(), 0.0001, 0.9999, false),
                number(n, "capacity.", "minRatio", d.minRatio(), 0.001, 1, false));
    }

    private static Thresholds thresholds(JsonNode n) throws InvalidPolicyException {
        Thresholds d = Thresholds.DEFAULT;
        if (n == null) {
            return d;
        }
        requireObject(n, "thresholds");
        allowOnly(n, "thresholds.", Set.of("meanLatencyRatio", "p95LatencyRatio", "timeoutRate", "errorRate",
                "timeoutRateIncrease", "errorRateIncrease"));
        return new Thresholds(
                number(n, "thresholds.", "meanLatencyRatio", d.meanLatencyRatio(), 1.0001, 1000, false),
                number(n, "thresholds.", "p95LatencyRatio", d.p95LatencyRatio(), 1.0001, 1000, false),
                number(n, "thresholds.", "timeoutRate", d.timeoutRate(), 0.0001, 0.9999, false),
                number(n, "thresholds.", "errorRate", d.errorRate(), 0.0001, 0.9999, false),
                number(n, "thresholds.", "timeoutRateIncrease", d.timeoutRateIncrease(), 0.0001, 0.9999, false),
                number(n, "thresholds.", "errorRateIncrease", d.errorRateIncrease(), 0.0001, 0.9999, false));
    }

    private static FreezeSchedule freeze(JsonNode n) throws InvalidPolicyException {
        FreezeSchedule d = FreezeSchedule.DEFAULT;
        if (n == null) {
            return d;
        }
        requireObject(n, "freeze");
        allowOnly(n, "freeze.", Set.of("zone", "weekly", "dates"));
        ZoneId zone = d.zone();
        if (n.has("zone")) {
            String z = n.get("zone").asText();
            try {
                zone = ZoneId.of(z);
            } catch (DateTimeException e) {
                throw new InvalidPolicyException("freeze.zone",
                        "`freeze.zone` must be a time-zone id such as Africa/Nairobi, but was " + z);
            }
        }
        List<WeeklyWindow> weekly = d.weekly();
        if (n.has("weekly")) {
            weekly = new ArrayList<>();
            JsonNode list = requireArray(n.get("weekly"), "freeze.weekly");
            for (int i = 0; i < list.size(); i++) {
                String f = "freeze.weekly[" + i + "]";
                JsonNode w = requireObject(list.get(i), f);
                allowOnly(w, f + ".", Set.of("name", "from", "to"));
                String name = w.has("name") ? w.get("name").asText() : "weekly freeze " + (i + 1);
                String[] from = dayTime(w, f + ".from");
                String[] to = dayTime(w, f + ".to");
                weekly.add(new WeeklyWindow(name, day(from[0], f + ".from"), time(from[1], f + ".from"),
                        day(to[0], f + ".to"), time(to[1], f + ".to")));
            }
        }
        List<DatedWindow> dated = new ArrayList<>(d.dated());
        if (n.has("dates")) {
            JsonNode list = requireArray(n.get("dates"), "freeze.dates");
            for (int i = 0; i < list.size(); i++) {
                String f = "freeze.dates[" + i + "]";
                JsonNode w = requireObject(list.get(i), f);
                allowOnly(w, f + ".", Set.of("name", "date", "from", "to"));
                String name = w.has("name") ? w.get("name").asText() : "dated freeze " + (i + 1);
                if (w.has("date")) {
                    dated.add(DatedWindow.day(name, date(w.get("date").asText(), f + ".date")));
                } else if (w.has("from") && w.has("to")) {
                    var from = dateTime(w.get("from").asText(), f + ".from");
                    var to = dateTime(w.get("to").asText(), f + ".to");
                    if (!to.isAfter(from)) {
                        throw new InvalidPolicyException(f + ".to", "`" + f + ".to` must be after `" + f + ".from`, but "
                                + to + " is not after " + from);
                    }
                    dated.add(new DatedWindow(name, from, to));
                } else {
                    throw new InvalidPolicyException(f, "`" + f + "` needs either `date` or both `from` and `to`");
                }
            }
        }
        return new FreezeSchedule(zone, weekly, dated);
    }

    private static double number(JsonNode n, String key, double dflt, double min, double max, boolean integer)
            throws InvalidPolicyException {
        return number(n, "", key, dflt, min, max, integer);
    }

    private static double number(JsonNode n, String prefix, String key, double dflt, double min, double max,
                                 boolean integer) throws InvalidPolicyException {
        JsonNode v = n.get(key);
        String field = prefix + key;
        if (v == null) {
            return dflt;
        }
        if (!v.isNumber() || integer && !v.canConvertToLong() || integer && v.isFloatingPointNumber() && v.asDouble() != Math.rint(v.asDouble())) {
            throw new InvalidPolicyException(field, "`" + field + "` must be " + (integer ? "a whole number" : "a number")
                    + " between " + fmt(min) + " and " + fmt(max) + ", but was " + v);
        }
        double x = v.asDouble();
        if (!(x >= min && x <= max)) {
            throw new InvalidPolicyException(field, "`" + field + "` must be between " + fmt(min) + " and " + fmt(max)
                    + ", but was " + v);
        }
        return x;
    }

    private static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    private static String[] dayTime(JsonNode w, String field) throws InvalidPolicyException {
        String key = field.substring(field.lastIndexOf('.') + 1);
        if (!w.has(key)) {
            throw new InvalidPolicyException(field, "`" + field + "` is required, e.g. \"FRIDAY 15:00\"");
        }
        String[] parts = w.get(key).asText().trim().split("\\s+");
        if (parts.length != 2) {
            throw new InvalidPolicyException(field, "`" + field + "` must be a day and a time such as \"FRIDAY 15:00\", but was "
                    + w.get(key).asText());
        }
        return parts;
    }

    private static DayOfWeek day(String s, String field) throws InvalidPolicyException {
        try {
            return DayOfWeek.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyException(field, "`" + field + "` must start with a day of the week such as FRIDAY, but was " + s);
        }
    }

    private static LocalTime time(String s, String field) throws InvalidPolicyException {
        try {
            return LocalTime.parse(s);
        } catch (DateTimeException e) {
            throw new InvalidPolicyException(field, "`" + field + "` must end with a time such as 15:00, but was " + s);
        }
    }

    private static LocalDate date(String s, String field) throws InvalidPolicyException {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeException e) {
            throw new InvalidPolicyException(field, "`" + field + "` must be a date such as 2026-12-25, but was " + s);
        }
    }

    private static LocalDateTime dateTime(String s, String field) throws InvalidPolicyException {
        try {
            return LocalDateTime.parse(s);
        } catch (DateTimeException e) {
            throw new InvalidPolicyException(field, "`" + field + "` must be a local date-time such as 2026-12-24T12:00, but was " + s);
        }
    }

    private static JsonNode requireObject(JsonNode n, String field) throws InvalidPolicyException {
        if (!n.isObject()) {
            throw new InvalidPolicyException(field, "`" + field + "` must be a mapping of keys to values, but was " + n);
        }
        return n;
    }

    private static JsonNode requireArray(JsonNode n, String field) throws InvalidPolicyException {
        if (!n.isArray()) {
            throw new InvalidPolicyException(field, "`" + field + "` must be a list, but was " + n);
        }
        return n;
    }

    private static void allowOnly(JsonNode n, String prefix, Set<String> keys) throws InvalidPolicyException {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                throw new InvalidPolicyException(prefix + k, "`" + prefix + k + "` is not a policy field; known here: "
                        + String.join(", ", new java.util.TreeSet<>(keys)));
            }
        }
    }
}
