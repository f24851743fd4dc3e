package io.scoregate.gate.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast path remembers the layout of the last compact line and matches the next line against it. One
 * parser over many lines (as a reader uses it) must still agree with the full parser on every line: a
 * mutated line right after the line whose layout it almost has, and lines whose layouts alternate.
 */
class LayoutParsingTest {

    private static final String BASE = AccessLogParsingTest.GOOD.replace("}", ",\"region\":\"ke-west\",\"retries\":3}");

    private static Object viaParse(String line) {
        try {
            return AccessLogReader.parse(line);
        } catch (AccessLogReader.MalformedLineException e) {
            return "malformed";
        }
    }

    private static AccessLogRecord fast(FlatLineParser p, String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return p.parse(b, 0, b.length);
    }

    @Test
    void aLineMutatedFromTheRememberedLayoutIsReadAsTheParserReadsIt() {
        var rnd = new SplittableRandom(11);
        var parser = new FlatLineParser();
        List<String> disagreements = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < 10_000; i++) {
            assertThat(fast(parser, BASE)).isEqualTo(AccessLogReader.parse(BASE)); // remembers BASE's layout
            String line = LineMutations.mutate(BASE, rnd);
            AccessLogRecord f = fast(parser, line);
            if (f != null) {
                accepted++;
                if (!f.equals(viaParse(line))) {
                    disagreements.add(line + " -> fast " + f + " vs parse " + viaParse(line));
                }
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(accepted).as("mutations that keep the layout must take the fast path").isGreaterThan(1000);
    }

    /**
     * {@link FlatLineParser#parseLine} parses before the line's end is known: followed by a line end and the
     * next line, or by nothing, a mutated line must end where its first line end is and read as the full
     * parser reads the bytes before it, or be left undecided (-1).
     */
    @Test
    void aLineParsedBeforeItsEndIsFoundEndsAtItsFirstLineEndAndReadsAsTheParserReadsIt() {
        var rnd = new SplittableRandom(17);
        var parser = new FlatLineParser();
        var fields = new LineFields();
        List<String> disagreements = new ArrayList<>();
        int decided = 0;
        String[] ends = {"\n", "\r\n", "\r", ""};
        for (int i = 0; i < 30_000; i++) {
            byte[] base = (BASE + "\n").getBytes(StandardCharsets.UTF_8);
            assertThat(parser.parse(base, 0, base.length - 1, fields)).isTrue(); // remembers BASE's layout
            assertThat(parser.parseLine(base, 0, base.length, fields)).isEqualTo(base.length - 1);
            assertThat(fields.toRecord()).isEqualTo(AccessLogReader.parse(BASE));
            String text = LineMutations.mutate(BASE, rnd) + ends[rnd.nextInt(ends.length)]
                    + (rnd.nextBoolean() ? BASE : "");
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            int firstEnd = 0;
            while (firstEnd < b.length && b[firstEnd] != '\n' && b[firstEnd] != '\r') {
                firstEnd++;
            }
            int end = parser.parseLine(b, 0, b.length, fields);
            if (end >= 0) {
                decided++;
                String line = new String(b, 0, end, StandardCharsets.UTF_8);
                if (end != firstEnd || !fields.toRecord().equals(viaParse(line))) {
                    disagreements.add(text + " -> end " + end + " (first line end " + firstEnd + "), "
                            + fields.toRecord() + " vs parse " + viaParse(line));
                }
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(decided).as("mutations that keep the layout must be decided here").isGreaterThan(1000);
    }

    @Test
    void alternatingLayoutsAndValuesOfEveryKindAgreeWithTheParser() {
        List<String> lines = List.of(
                BASE,
                "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":5,\"status\":\"OK\"}",
                "{\"timestamp\":\"2026-11-27T18:05:01Z\",\"modelVersion\":\"v1.3\",\"latencyMs\":6.5,\"status\":\"ERROR\"}",
                "{\"timestamp\":\"2026-11-27T18:05:01Z\",\"modelVersion\":\"v1.3\",\"latencyMs\":\"6.5\",\"status\":\"ERROR\"}",
                "{\"timestamp\":\"2026-11-27T18:05:02Z\",\"modelVersion\":\"v1.3\",\"latencyMs\":7,\"status\":\"OK\"} ",
                "{\"timestamp\":\"2026-11-27T18:05:02Z\",\"modelVersion\":\"v1.3\",\"latencyMs\":7,\"status\":\"OK\",\"x\":true}",
                "{\"timestamp\":\"2026-11-27T18:05:02Z\",\"modelVersion\":\"v1.3\",\"latencyMs\":7,\"status\":\"OK\",\"x\":null}",
                "{\"timestamp\":\"2026-11-27T18:05:02Z\",\"modelVersion\":\"v1.3\",\"latencyMs\":7,\"status\":\"OK\",\"x\":{}}",
                "{\"timestamp\":\"2026-11-27T18:05:03Z\",\"modelVersion\":\"v1.3\",\"latencyMs\":8,\"latencyMs\":9,\"status\":\"OK\"}",
                "{\"timestamp\":\"2026-11-27T18:05:03Z\",\"modelVersion\":\"v1.3\",\"latencyMs\":8,\"latencyMs\":-9,\"status\":\"OK\"}",
                "{\"timestamp\":\"2026-11-27T18:05:03Z\",\"modelVersion\":\"v1.3\",\"latencyMs\":8,\"status\":\"OK\"}{}",
                "{\"timestamp\":\"2026-11-27T18:05:03Z\",\"modelVersion\":\"v1.3\",\"latencyMs\":8,\"status\":\"OK\"",
                "{\"timestamp\":\"2026-11-27T18:05:03Z\",\"modelVersion\":\"v1.3\",\"latencyMs\":8,\"statuz\":\"OK\"}",
                "{\"timestamp\":\"2026-11-27T18:05:03Z\",\"modelVersion\":\"v\\u00e9\",\"latencyMs\":8,\"status\":\"OK\"}");
        var parser = new FlatLineParser();
        var rnd = new SplittableRandom(3);
        for (int i = 0; i < 2_000; i++) {
            String line = lines.get(rnd.nextInt(lines.size()));
            AccessLogRecord f = fast(parser, line);
            if (f != null) {
                assertThat(f).as(line).isEqualTo(viaParse(line));
            }
        }
    }
}
