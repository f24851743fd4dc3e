package io.scoregate.gate.accesslog;

import io.scoregate.contract.Outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast byte path must agree with the full Jackson parser on every line: it may hand a line over, but
 * it must never accept a line the parser rejects or build a different record.
 */
class AccessLogParsingTest {

    static final String GOOD = "{\"timestamp\":\"2026-11-27T18:06:00.123Z\",\"requestId\":\"r-1\",\"lenderId\":\"KE-L1\","
            + "\"endpoint\":\"/risk-score\",\"modelVersion\":\"v1.3\",\"latencyMs\":750.25,\"status\":\"TIMEOUT\","
            + "\"httpStatus\":504}";

    private static AccessLogRecord fast(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return new FlatLineParser().parse(b, 0, b.length);
    }

    /** What the reader (fast path, then fallback) makes of one line: the record, or the malformed reason. */
    private static Object viaCursor(String line) throws IOException {
        var c = new AccessLogCursor(new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)), "");
        if (c.next()) {
            return c.current();
        }
        return c.summary().malformedExamples().isEmpty() ? "blank" : c.summary().malformedExamples().get(0);
    }

    private static Object viaParse(String line) {
        if (line.isBlank()) {
            return "blank";
        }
        try {
            return AccessLogReader.parse(line);
        } catch (AccessLogReader.MalformedLineException e) {
            return "line 1: " + e.getMessage();
        }
    }

    @Test
    void fastPathReadsTheServiceLine() {
        AccessLogRecord r = fast(GOOD);
        assertThat(r).isEqualTo(AccessLogReader.parse(GOOD));
        assertThat(r.timestamp()).isEqualTo(Instant.parse("2026-11-27T18:06:00.123Z"));
        assertThat(r.latencyMs()).isEqualTo(750.25);
        assertThat(r.status()).isEqualTo(Outcome.TIMEOUT);
        assertThat(r.httpStatus()).isEqualTo(504);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // escapes, unicode and reordered or extra fields: valid, through whichever path
            "{\"latencyMs\":1,\"status\":\"OK\",\"modelVersion\":\"v\\u0031.2\",\"timestamp\":\"2026-11-27T18:05:00Z\"}",
            "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":90,\"status\":\"OK\",\"lenderId\":\"Łódź \\\"quoted\\\"\"}",
            "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":1e2,\"status\":\"OK\"}",
            "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":0.5,\"status\":\"OK\",\"meta\":{\"a\":[1,2]}}",
            "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":5,\"status\":\"OK\",\"region\":\"ke-west\",\"retries\":2,\"cached\":true,\"note\":null}",
            "  { \"timestamp\" : \"2026-11-27T18:05:00.5Z\" , \"modelVersion\" : \"v1.2\" , \"latencyMs\" : 5 , \"status\" : \"OK\" }  ",
            "{\"timestamp\":\"2028-02-29T23:59:59.999999999Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":5,\"status\":\"OK\"}",
            "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":5,\"latencyMs\":7,\"status\":\"OK\"}",
            "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":123456789012345678,\"status\":\"OK\"}",
            // malformed: each must be rejected with the parser's reason
            "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":\"v1.2\",\"status\":\"OK\"}",
            "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":5,\"status\":\"OK\"",
            "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":5,\"status\":\"OK\"} trailing",
            "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":5,\"status\":\"OK\"}{}",
            "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":-1,\"status\":\"OK\"}",
            "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":012,\"status\":\"OK\"}",
            "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":NaN,\"status\":\"OK\"}",
            "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":\"5\",\"status\":\"OK\"}",
            "{\"timestamp\":\"2026-02-30T18:05:00Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":5,\"status\":\"OK\"}",
            "{\"timestamp\":\"2026-11-27 18:05:00\",\"modelVersion\":\"v1.2\",\"latencyMs\":5,\"status\":\"OK\"}",
            "{\"timestamp\":\"2026-11-27T24:00:00Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":5,\"status\":\"OK\"}",
            "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":5,\"status\":\"ok\"}",
            "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":null,\"latencyMs\":5,\"status\":\"OK\"}",
            "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":\"v1\t2\",\"latencyMs\":5,\"status\":\"OK\"}",
            "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":5,\"status\":\"OK\",\"httpStatus\":99999999999}",
            "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":5,\"status\":\"OK\",}",
            "{'timestamp':'2026-11-27T18:05:00Z'}",
            "[1,2,3]",
            "not json at all",
            "{}",
            "   ",
    })
    void fastPathAndFallbackAgreeWithTheParserOnNastyLines(String line) throws IOException {
        AccessLogRecord f = fast(line);
        Object expected = viaParse(line);
        if (f != null) {
            assertThat(expected).isEqualTo(f);
        }
        assertThat(viaCursor(line)).isEqualTo(expected);
    }

    @Test
    void namedMalformedLinesGetTheirReason() {
        assertThatThrownBy(() -> AccessLogReader.parse(
                "{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":\"v1.2\",\"status\":\"OK\"}"))
                .hasMessage("missing latencyMs");
        assertThatThrownBy(() -> AccessLogReader.parse(GOOD + " x")).hasMessage("not valid JSON");
        assertThatThrownBy(() -> AccessLogReader.parse(GOOD + "{}")).hasMessage("content after the JSON object");
        assertThatThrownBy(() -> AccessLogReader.parse(GOOD.substring(0, GOOD.length() - 1)))
                .hasMessageContaining("JSON");
    }

    @Test
    void escapesAndUnicodeAreDecoded() {
        AccessLogRecord r = AccessLogReader.parse("{\"timestamp\":\"2026-11-27T18:05:00Z\",\"modelVersion\":"
                + "\"v\\u0031.2\",\"latencyMs\":5,\"status\":\"OK\",\"lenderId\":\"Łódź\",\"region\":\"a\\\"b\"}");
        assertThat(r.modelVersion()).isEqualTo("v1.2");
        assertThat(r.lenderId()).isEqualTo("Łódź");
        assertThat(r.extra()).isEqualTo(Map.of("region", "a\"b"));
    }

    /** Thousands of random mutations of a valid line (deletions, insertions of JSON-significant bytes, truncations). */
    @Test
    void fastPathNeverDisagreesWithTheParserOnMutatedLines() throws IOException {
        String base = GOOD.replace("}", ",\"region\":\"ke-west\",\"retries\":3}");
        var rnd = new SplittableRandom(7);
        List<String> disagreements = new ArrayList<>();
        int fastAccepted = 0;
        for (int i = 0; i < 10_000; i++) {
            String line = LineMutations.mutate(base, rnd);
            if (line.contains("\n") || line.contains("\r")) {
                continue;
            }
            AccessLogRecord f = fast(line);
            Object expected = viaParse(line);
            if (f != null) {
                fastAccepted++;
                if (!expected.equals(f)) {
                    disagreements.add(line + " -> fast " + f + " vs parse " + expected);
                }
            }
            Object cursor = viaCursor(line);
            if (!cursor.equals(expected)) {
                disagreements.add(line + " -> cursor " + cursor + " vs parse " + expected);
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(fastAccepted).as("the fast path must take part, not hand every line over").isGreaterThan(1000);
    }
}
