package io.scoregate.service.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.scoregate.contract.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessLogLineTest {

    @Test
    void shouldWriteExactlyTheContractFields() {
        AccessLogLine line = new AccessLogLine(Instant.parse("2026-11-27T18:06:00.123456Z"), "r-1", "acme-bank",
                "/risk-score", "v1.3", 750.0004, Outcome.TIMEOUT, 504);
        assertThat(line.toJson()).isEqualTo("{\"timestamp\":\"2026-11-27T18:06:00.123Z\",\"requestId\":\"r-1\","
                + "\"lenderId\":\"acme-bank\",\"endpoint\":\"/risk-score\",\"modelVersion\":\"v1.3\","
                + "\"latencyMs\":750.0,\"status\":\"TIMEOUT\",\"httpStatus\":504}");
    }

    @Test
    void shouldWriteThreeFractionDigitsEvenOnAWholeSecond() {
        AccessLogLine line = new AccessLogLine(Instant.parse("2026-11-27T18:06:00Z"), "r", "", "/funding-approve",
                "none", 0.0305, Outcome.REJECTED, 400);
        assertThat(line.toJson()).startsWith("{\"timestamp\":\"2026-11-27T18:06:00.000Z\"")
                .contains("\"latencyMs\":0.031,").contains("\"lenderId\":\"\"");
    }

    @Test
    void shouldEscapeQuotesAndControlCharacters() {
        AccessLogLine line = new AccessLogLine(Instant.EPOCH, "a\"b\\c\nd\u0001", "l", "/risk-score", "v1.2", 1,
                Outcome.OK, 200);
        assertThat(line.toJson()).contains("\"requestId\":\"a\\\"b\\\\c\\nd\\u0001\"");
    }
}
