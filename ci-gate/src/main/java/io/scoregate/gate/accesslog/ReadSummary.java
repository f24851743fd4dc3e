package io.scoregate.gate.accesslog;

import java.util.List;

/**
 * What reading a log found: how many lines, how many became records, and how many could not be read
 * (with the first few, so a report can show what was wrong with them).
 */
public record ReadSummary(long lines, long records, long malformed, List<String> malformedExamples) {

    public ReadSummary {
        malformedExamples = List.copyOf(malformedExamples);
    }

    public ReadSummary plus(ReadSummary other) {
        var examples = new java.util.ArrayList<>(malformedExamples);
        for (String e : other.malformedExamples) {
            if (examples.size() < AccessLogReader.MAX_EXAMPLES) {
                examples.add(e);
            }
        }
        return new ReadSummary(lines + other.lines, records + other.records, malformed + other.malformed, examples);
    }
}
