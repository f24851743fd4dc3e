package io.scoregate.gate.rollout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the Prometheus text exposition format (version 0.0.4, which is also what an OpenMetrics
 * scrape degrades to): one sample per line, {@code name{label="value",...} value [timestamp]}, comments and
 * blank lines skipped. Label values may hold the escapes {@code \\}, {@code \"} and {@code \n}.
 */
public final class PrometheusText {

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            labels = Map.copyOf(labels);
        }

        public String label(String key) {
            return labels.getOrDefault(key, "");
        }
    }

    private PrometheusText() {
    }

    /** Parses a whole scrape; a line that cannot be read throws {@link IllegalArgumentException} naming it. */
    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            try {
                samples.add(parseLine(l));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("metrics line " + lineNo + " is not in Prometheus text format: "
                        + abbreviate(l), e);
            }
        }
        return samples;
    }

    static Sample parseLine(String l) {
        int i = 0;
        while (i < l.length() && l.charAt(i) != '{' && !Character.isWhitespace(l.charAt(i))) {
            i++;
        }
        String name = l.substring(0, i);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("no metric name");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < l.length() && l.charAt(i) == '{') {
            i++;
            while (true) {
                while (l.charAt(i) == ' ' || l.charAt(i) == ',') {
                    i++;
                }
                if (l.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = l.indexOf('=', i);
                String key = l.substring(i, eq).strip();
                i = eq + 1;
                if (l.charAt(i) != '"') {
                    throw new IllegalArgumentException("label value not quoted");
                }
                i++;
                StringBuilder value = new StringBuilder();
                while (l.charAt(i) != '"') {
                    char c = l.charAt(i);
                    if (c == '\\') {
                        char next = l.charAt(++i);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                    i++;
                }
                i++;
                labels.put(key, value.toString());
            }
        }
        String[] rest = l.substring(i).strip().split("\\s+");
        return new Sample(name, labels, parseValue(rest[0]));
    }

    private static double parseValue(String v) {
        return switch (v) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(v);
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
