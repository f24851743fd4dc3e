package io.scoregate.service.accesslog;

import io.scoregate.contract.AccessLogFields;
import io.scoregate.contract.Outcome;
import java.time.Instant;

/**
 * One scoring request as the access log records it. The JSON form has exactly the fields of
 * {@link AccessLogFields}, in their order: the contract module's, which the gate's readers use too.
 */
public record AccessLogLine(Instant timestamp, String requestId, String lenderId, String endpoint,
                            String modelVersion, double latencyMs, Outcome status, int httpStatus) {

    /** The JSON line, without the newline. Hand-written: it runs for every request and needs no reflection. */
    public String toJson() {
        StringBuilder sb = new StringBuilder(200);
        // each literal below is a compile-time constant: naming the fields costs nothing per line
        sb.append("{\"" + AccessLogFields.TIMESTAMP + "\":\"");
        IsoMillis.append(sb, timestamp);
        sb.append("\",\"" + AccessLogFields.REQUEST_ID + "\":");
        JsonText.append(sb, requestId);
        sb.append(",\"" + AccessLogFields.LENDER_ID + "\":");
        JsonText.append(sb, lenderId);
        sb.append(",\"" + AccessLogFields.ENDPOINT + "\":");
        JsonText.append(sb, endpoint);
        sb.append(",\"" + AccessLogFields.MODEL_VERSION + "\":");
        JsonText.append(sb, modelVersion);
        sb.append(",\"" + AccessLogFields.LATENCY_MS + "\":").append(Math.round(latencyMs * 1000.0) / 1000.0);
        sb.append(",\"" + AccessLogFields.STATUS + "\":\"").append(status.name());
        sb.append("\",\"" + AccessLogFields.HTTP_STATUS + "\":").append(httpStatus).append('}');
        return sb.toString();
    }
}
