package io.scoregate.service.metrics;

/**
 * Every metric name and tag key the service publishes, in one place. Names are Micrometer's dotted form;
 * the Prometheus names at /q/metrics are in the comments.
 */
public final class MetricNames {

    /** scoregate_request_duration_seconds (histogram): latency of each scoring request. */
    public static final String REQUEST_DURATION = "scoregate.request.duration";
    /** scoregate_requests_total: scoring requests by version, endpoint and outcome. */
    public static final String REQUESTS = "scoregate.requests";
    /**
     * scoregate_access_log_dropped_total: access-log lines that never reached the file, by {@code reason}
     * (queue_full, write_failed; see {@link AccessLogDropReason}).
     */
    public static final String ACCESS_LOG_DROPPED = "scoregate.access.log.dropped";

    /** scoregate_model_loaded: 1 for each model version that loaded, 0 for each that failed (by model_version). */
    public static final String MODEL_LOADED = "scoregate.model.loaded";

    public static final String TAG_MODEL_VERSION = "model_version";
    public static final String TAG_ENDPOINT = "endpoint";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_REASON = "reason";

    /** The model_version of a request rejected before any version was chosen. */
    public static final String NO_VERSION = "none";

    private MetricNames() {
    }
}
