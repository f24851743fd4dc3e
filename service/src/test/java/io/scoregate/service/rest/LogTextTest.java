package io.scoregate.service.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void shouldKeepOrdinaryTextAsItIs() {
        String plain = "rollback: v1.3 p95 2.1x stable — Kahawa ☕ \\ \"quoted\"";
        assertThat(LogText.escape(plain)).isSameAs(plain);
    }

    @Test
    void shouldEscapeEverythingThatCouldStartAForgedLogLine() {
        String forged = "ok\n2026-12-01 18:06:00,000 INFO  [io.sc.se.ro.RollbackGuard] all clear\r\u2028\u0085\u001b[31m\t";
        String escaped = LogText.escape(forged);
        assertThat(escaped).doesNotContain("\n", "\r", "\u2028", "\u0085", "\u001b", "\t")
                .isEqualTo("ok\\n2026-12-01 18:06:00,000 INFO  [io.sc.se.ro.RollbackGuard] all clear\\r\\u2028\\u0085"
                        + "\\u001b[31m\\t");
    }

    @Test
    void shouldTurnAbsentTextIntoEmpty() {
        assertThat(LogText.escape(null)).isEmpty();
    }
}
