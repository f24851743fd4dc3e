package io.scoregate.gate.accesslog;

import io.scoregate.contract.Outcome;
import java.time.Instant;
import java.util.Map;

/**
 * One line of the scoring service's access log: the contract between the service, the gate's offline
 * judge and incident analysis. On disk it is one JSON object per line with exactly the fields
 * {@code timestamp} (ISO-8601 UTC), {@code requestId}, {@code lenderId}, {@code endpoint},
 * {@code modelVersion}, {@code latencyMs}, {@code status} and {@code httpStatus}; a reader keeps any
 * other string-valued field it finds in {@code extra} (empty for the service's own lines).
 */
public record AccessLogRecord(Instant timestamp, String requestId, String lenderId, String endpoint,
                              String modelVersion, double latencyMs, Outcome status, int httpStatus,
                              Map<String, String> extra) {

    /**
     * An extra field {@code compare} adds to the requests it records ({@code "baseline"} or {@code "candidate"}),
     * so that an A/A run (the same version on both arms) still has two arms when judged again offline.
     */
    public static final String ARM_FIELD = "arm";

    public AccessLogRecord {
        extra = extra.isEmpty() ? Map.of() : Map.copyOf(extra);
    }

    public AccessLogRecord(Instant timestamp, String requestId, String lenderId, String endpoint,
                           String modelVersion, double latencyMs, Outcome status, int httpStatus) {
        this(timestamp, requestId, lenderId, endpoint, modelVersion, latencyMs, status, httpStatus, Map.of());
    }
}
