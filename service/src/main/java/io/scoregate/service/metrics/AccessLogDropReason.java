package io.scoregate.service.metrics;

/** Why an access-log line did not reach the file: the {@code reason} tag of scoregate_access_log_dropped_total. */
public enum AccessLogDropReason {
    /** The writer's queue was full (the writer fell behind, or was pausing after a failed write). */
    QUEUE_FULL("queue_full"),
    /** The write of its batch failed (full disk, read-only or missing directory, I/O error). */
    WRITE_FAILED("write_failed");

    private final String tag;

    AccessLogDropReason(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
