package io.scoregate.contract;

/**
 * Every metric name and tag key the service publishes and the gate scrapes. Names are Micrometer's dotted form;
 * {@code PROMETHEUS_*} are the names at {@code /q/metrics} (dots to underscores, a unit suffix for timers, and
 * {@code _total}, {@code _bucket} for counters and histogram series).
 */
public final class MetricNames {

    /** scoregate_request_duration_seconds (histogram): latency of each scoring request. */
    public static final String REQUEST_DURATION = "scoregate.request.duration";
    /** scoregate_requests_total: scoring requests by version, endpoint and outcome. */
    public static final String REQUESTS = "scoregate.requests";
    /** scoregate_access_log_dropped_total: access-log lines that never reached the file, by {@code reason}. */
    public static final String ACCESS_LOG_DROPPED = "scoregate.access.log.dropped";
    /** scoregate_model_loaded: 1 for each model version that loaded, 0 for each that failed (by model_version). */
    public static final String MODEL_LOADED = "scoregate.model.loaded";

    /** The bucket series of {@link #REQUEST_DURATION} as Prometheus shows it: what the gate's rollout scrapes. */
    public static final String PROMETHEUS_REQUEST_DURATION_BUCKET = "scoregate_request_duration_seconds_bucket";

    public static final String TAG_MODEL_VERSION = "model_version";
    public static final String TAG_ENDPOINT = "endpoint";
    /** An {@link Outcome#tag()}. */
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_REASON = "reason";

    /** The model_version (and access-log modelVersion) of a request rejected before any version was chosen. */
    public static final String NO_VERSION = "none";

    private MetricNames() {
    }
}
