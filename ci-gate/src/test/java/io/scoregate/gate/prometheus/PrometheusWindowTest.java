package io.scoregate.gate.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrometheusWindowTest {

    @Test
    void shouldAskForTheWindowsIncreasePerVersionOutcomeAndBucket() {
        assertThat(PrometheusWindow.query("job=\"scoregate\",namespace=\"prod\"", Duration.ofMinutes(15)))
                .isEqualTo("sum by (model_version, outcome, le) (increase(scoregate_request_duration_seconds_bucket"
                        + "{job=\"scoregate\",namespace=\"prod\"}[900s]))");
        assertThat(PrometheusWindow.query("", Duration.ofSeconds(90))).endsWith("_bucket{}[90s]))");
    }

    @Test
    void shouldRefuseASelectorThatWouldChangeTheQuery() {
        assertThatThrownBy(() -> PrometheusWindow.query("job=\"x\"} or vector(1) {", Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("`--selector` must be label");
        assertThatThrownBy(() -> PrometheusWindow.query("job=\"x\"\n", Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrometheusWindow.query("", Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`--window`");
    }
}
