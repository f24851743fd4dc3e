package io.scoregate.gate.load;

import io.scoregate.gate.accesslog.AccessLogRecord;
import java.time.Duration;
import java.util.List;

/**
 * What a load run measured. {@code records} holds the measured (post-warm-up) requests of both arms,
 * latency taken from each request's intended send time (no coordinated omission).
 *
 * @param records            measured requests, both arms
 * @param warmupRequests     requests sent during warm-up and excluded
 * @param plannedRequests    measured requests the schedule called for
 * @param transportFailures  requests that got no HTTP answer at all (refused, reset), recorded as ERROR
 * @param maxScheduleLag     worst delay between a request's intended and actual send time
 * @param elapsed            wall-clock length of the measured part
 */
public record LoadResult(List<AccessLogRecord> records, long warmupRequests, long plannedRequests,
                         long transportFailures, Duration maxScheduleLag, Duration elapsed) {

    public LoadResult {
        records = List.copyOf(records);
    }
}
