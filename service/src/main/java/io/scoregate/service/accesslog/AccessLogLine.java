package io.scoregate.service.accesslog;

import io.scoregate.service.metrics.Outcome;
import java.time.Instant;

/**
 * One scoring request as the access log records it. The JSON form has exactly the fields timestamp,
 * requestId, lenderId, endpoint, modelVersion, latencyMs, status and httpStatus (the contract with the
 * gate's io.scoregate.gate.accesslog.AccessLogReader).
 */
public record AccessLogLine(Instant timestamp, String requestId, String lenderId, String endpoint,
                            String modelVersion, double latencyMs, Outcome status, int httpStatus) {

    /** The JSON line, without the newline. Hand-written: it runs for every request and needs no reflection. */
    public String toJson() {
        StringBuilder sb = new StringBuilder(200);
        sb.append("{\"timestamp\":\"");
        IsoMillis.append(sb, timestamp);
        sb.append("\",\"requestId\":");
        JsonText.append(sb, requestId);
        sb.append(",\"lenderId\":");
        JsonText.append(sb, lenderId);
        sb.append(",\"endpoint\":");
        JsonText.append(sb, endpoint);
        sb.append(",\"modelVersion\":");
        JsonText.append(sb, modelVersion);
        sb.append(",\"latencyMs\":").append(Math.round(latencyMs * 1000.0) / 1000.0);
        sb.append(",\"status\":\"").append(status.name());
        sb.append("\",\"httpStatus\":").append(httpStatus).append('}');
        return sb.toString();
    }
}
