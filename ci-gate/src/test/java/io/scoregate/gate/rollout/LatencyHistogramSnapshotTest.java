package io.scoregate.gate.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scoregate.gate.accesslog.AccessLogRecord;
import io.scoregate.contract.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LatencyHistogramSnapshotTest {

    private static final String SCRAPE = """
            # HELP scoregate_request_duration_seconds Scoring latency
            # TYPE scoregate_request_duration_seconds histogram
            scoregate_request_duration_seconds_bucket{endpoint="/risk-score",model_version="v1.2",outcome="ok",le="0.1"} 3.0
            scoregate_request_duration_seconds_bucket{endpoint="/risk-score",model_version="v1.2",outcome="ok",le="0.2"} 5.0
            scoregate_request_duration_seconds_bucket{endpoint="/risk-score",model_version="v1.2",outcome="ok",le="+Inf"} 5.0
            scoregate_request_duration_seconds_bucket{endpoint="/funding-approve",model_version="v1.2",outcome="ok",le="0.1"} 1.0
            scoregate_request_duration_seconds_bucket{endpoint="/funding-approve",model_version="v1.2",outcome="ok",le="0.2"} 1.0
            scoregate_request_duration_seconds_bucket{endpoint="/funding-approve",model_version="v1.2",outcome="ok",le="+Inf"} 1.0
            scoregate_request_duration_seconds_bucket{endpoint="/risk-score",model_version="v1.3",outcome="timeout",le="0.5"} 0.0
            scoregate_request_duration_seconds_bucket{endpoint="/risk-score",model_version="v1.3",outcome="timeout",le="+Inf"} 2.0
            scoregate_request_duration_seconds_bucket{endpoint="/risk-score",model_version="v1.3",outcome="rejected",le="+Inf"} 7.0
            scoregate_requests_total{endpoint="/risk-score",model_version="v1.2",outcome="ok"} 5.0
            """;

    @Test
    void sumsEndpointsAndPlacesRequestsAtTheirBucketsGeometricMidpoint() {
        var snapshot = LatencyHistogramSnapshot.of(PrometheusText.parse(SCRAPE));

        var records = snapshot.toRecords("v1.2", "*", Instant.EPOCH);

        assertThat(snapshot.count("v1.2")).isEqualTo(6);
        assertThat(records).hasSize(6).allMatch(r -> r.status() == Outcome.OK);
        // 4 in (0, 100 ms] at 50 ms, 2 in (100, 200] ms at sqrt(100 * 200) = 141.42 ms
        assertThat(records.stream().filter(r -> r.latencyMs() == 50.0)).hasSize(4);
        assertThat(records.stream().mapToDouble(AccessLogRecord::latencyMs).max().orElseThrow())
                .isCloseTo(141.421, within(0.001));
    }

    @Test
    void keepsTimeoutsCensoredAtTheLastFiniteBoundAndLeavesRejectedOut() {
        var records = LatencyHistogramSnapshot.of(PrometheusText.parse(SCRAPE)).toRecords("v1.3", "*", Instant.EPOCH);

        assertThat(records).hasSize(2).allMatch(r -> r.status() == Outcome.TIMEOUT && r.latencyMs() == 500.0);
    }

    @Test
    void theDifferenceOfTwoScrapesIsWhatHappenedBetweenThemAndARestartCountsFromZero() {
        var before = LatencyHistogramSnapshot.of(PrometheusText.parse(SCRAPE));
        var later = LatencyHistogramSnapshot.of(PrometheusText.parse(SCRAPE.replace("le=\"0.2\"} 5.0", "le=\"0.2\"} 9.0")
                .replace("outcome=\"ok\",le=\"+Inf\"} 5.0", "outcome=\"ok\",le=\"+Inf\"} 9.0")));
        var restarted = LatencyHistogramSnapshot.of(PrometheusText.parse(
                "scoregate_request_duration_seconds_bucket{model_version=\"v1.2\",outcome=\"ok\",le=\"0.1\"} 2\n"
                        + "scoregate_request_duration_seconds_bucket{model_version=\"v1.2\",outcome=\"ok\",le=\"+Inf\"} 2\n"));

        assertThat(later.minus(before).count("v1.2")).isEqualTo(4);
        assertThat(restarted.minus(before).count("v1.2")).isEqualTo(2);
    }

    @Test
    void readsEscapedLabelValuesAndSpecialNumbers() {
        var s = PrometheusText.parseLine("m{a=\"x\\\"y\\\\z\\n\",b=\"\"} +Inf 1700000000000");

        assertThat(s.label("a")).isEqualTo("x\"y\\z\n");
        assertThat(s.label("b")).isEmpty();
        assertThat(s.value()).isInfinite();
    }

    @Test
    void rejectsAMalformedLineNamingIt() {
        assertThatThrownBy(() -> PrometheusText.parse("ok 1\nbroken{a=b} 2\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metrics line 2");
    }
}
