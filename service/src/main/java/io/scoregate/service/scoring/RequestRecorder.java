package io.scoregate.service.scoring;

import io.scoregate.contract.Endpoint;
import io.scoregate.contract.Outcome;
import io.scoregate.service.accesslog.AccessLogLine;
import io.scoregate.service.accesslog.AccessLogWriter;
import io.scoregate.service.metrics.ScoringMetrics;
import io.scoregate.service.metrics.VersionTrafficWindows;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Records one finished scoring request everywhere it is observed: metrics, the version window, the access log. */
@ApplicationScoped
public class RequestRecorder {

    private final ScoringMetrics metrics;
    private final VersionTrafficWindows windows;
    private final AccessLogWriter accessLog;

    public RequestRecorder(ScoringMetrics metrics, VersionTrafficWindows windows, AccessLogWriter accessLog) {
        this.metrics = metrics;
        this.windows = windows;
        this.accessLog = accessLog;
    }

    public void record(Instant receivedAt, String requestId, String lenderId, Endpoint endpoint, String version,
                       Outcome outcome, int httpStatus, long elapsedNanos) {
        double latencyMs = elapsedNanos / 1_000_000.0;
        metrics.record(version, endpoint.path(), outcome, elapsedNanos);
        windows.record(version, outcome, latencyMs);
        accessLog.write(new AccessLogLine(receivedAt, requestId, lenderId, endpoint.path(), version, latencyMs,
                outcome, httpStatus));
    }
}
