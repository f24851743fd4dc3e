package io.scoregate.contract;

import java.util.List;

/**
 * The field names of one access-log line, one JSON object per line, in the order the service writes them. The
 * service's writer, the gate's readers and its writer use these; {@code status} holds an {@link Outcome} name.
 */
public final class AccessLogFields {

    /** ISO-8601 UTC, milliseconds: when the request arrived. */
    public static final String TIMESTAMP = "timestamp";
    public static final String REQUEST_ID = "requestId";
    public static final String LENDER_ID = "lenderId";
    /** An {@link Endpoint} path. */
    public static final String ENDPOINT = "endpoint";
    /** The version that answered, or {@link MetricNames#NO_VERSION} for a request refused before one was chosen. */
    public static final String MODEL_VERSION = "modelVersion";
    /** From arrival to answer, milliseconds, three decimals. */
    public static final String LATENCY_MS = "latencyMs";
    /** An {@link Outcome} name. */
    public static final String STATUS = "status";
    public static final String HTTP_STATUS = "httpStatus";

    /** Every field, in the order of a line. */
    public static final List<String> ALL = List.of(TIMESTAMP, REQUEST_ID, LENDER_ID, ENDPOINT, MODEL_VERSION,
            LATENCY_MS, STATUS, HTTP_STATUS);

    private AccessLogFields() {
    }
}
