package io.scoregate.gate.rollout;

import io.scoregate.contract.MetricNames;
import io.scoregate.gate.accesslog.AccessLogRecord;
import io.scoregate.contract.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cumulative latency histograms one or more service instances expose at {@code /q/metrics}, per model
 * version and outcome (summed over endpoints and instances). Two snapshots taken around a hold give the
 * requests served during that hold ({@link #minus}), and those become per-request records for the same
 * judge {@code compare} uses ({@link #toRecords}): every request in a bucket is placed at the bucket's
 * geometric midpoint, so the judge works at the histogram's resolution (Micrometer's percentile buckets between
 * 1 ms and 10 s are 9% to 33% apart, a cycle repeating in every factor of 4, plus the service's SLO edges: finer
 * than the 1.5x and 2x thresholds it tests, but coarser than the evidence module's uniform 10% grid).
 */
public final class LatencyHistogramSnapshot {

    /** The bucket series of the service's request timer (see the service's metrics package). */
    public static final String BUCKET_METRIC = MetricNames.PROMETHEUS_REQUEST_DURATION_BUCKET;

    private record Key(String version, String outcome) {
    }

    /** (version, outcome) to upper bound in seconds to cumulative count. */
    private final Map<Key, TreeMap<Double, Double>> cumulative;

    private LatencyHistogramSnapshot(Map<Key, TreeMap<Double, Double>> cumulative) {
        this.cumulative = cumulative;
    }

    public static LatencyHistogramSnapshot empty() {
        return new LatencyHistogramSnapshot(Map.of());
    }

    /** Reads the request-timer buckets out of a scrape; other series are ignored. */
    public static LatencyHistogramSnapshot of(List<PrometheusText.Sample> scrape) {
        Map<Key, TreeMap<Double, Double>> cumulative = new HashMap<>();
        for (var s : scrape) {
            if (!s.name().equals(BUCKET_METRIC)) {
                continue;
            }
            double le = parseLe(s.label("le"));
            var key = new Key(s.label(MetricNames.TAG_MODEL_VERSION), s.label(MetricNames.TAG_OUTCOME));
            cumulative.computeIfAbsent(key, k -> new TreeMap<>()).merge(le, s.value(), Double::sum);
        }
        return new LatencyHistogramSnapshot(cumulative);
    }

    /** The sum of two snapshots (two instances scraped at the same moment). */
    public LatencyHistogramSnapshot plus(LatencyHistogramSnapshot other) {
        return combine(other, 1);
    }

    /**
     * What happened between {@code earlier} and this snapshot. A counter that went down means the instance
     * restarted; its buckets then count from zero, which is what Prometheus' own {@code increase()} assumes too.
     */
    public LatencyHistogramSnapshot minus(LatencyHistogramSnapshot earlier) {
        return combine(earlier, -1);
    }

    private LatencyHistogramSnapshot combine(LatencyHistogramSnapshot other, int sign) {
        Map<Key, TreeMap<Double, Double>> out = new HashMap<>();
        cumulative.forEach((k, buckets) -> out.put(k, new TreeMap<>(buckets)));
        other.cumulative.forEach((k, buckets) -> {
            var mine = out.computeIfAbsent(k, x -> new TreeMap<>());
            buckets.forEach((le, count) -> mine.merge(le, sign * count, Double::sum));
        });
        if (sign < 0) {
            out.forEach((k, buckets) -> {
                var restarted = buckets.values().stream().anyMatch(v -> v < 0);
                if (restarted) {
                    buckets.replaceAll((le, v) -> cumulative.getOrDefault(k, new TreeMap<>()).getOrDefault(le, 0.0));
                }
            });
        }
        return new LatencyHistogramSnapshot(out);
    }

    /** Requests of a version in this snapshot, all outcomes. */
    public long count(String version) {
        long n = 0;
        for (var e : cumulative.entrySet()) {
            if (e.getKey().version().equals(version) && !e.getValue().isEmpty()) {
                n += Math.round(e.getValue().lastEntry().getValue());
            }
        }
        return n;
    }

    /**
     * One record per request of {@code version}, for the judge. Rejected requests (client mistakes) are not
     * latency evidence and are left out, as in the access log's reading.
     */
    public List<AccessLogRecord> toRecords(String version, String endpointLabel, Instant at) {
        List<AccessLogRecord> records = new ArrayList<>();
        for (var e : cumulative.entrySet()) {
            if (!e.getKey().version().equals(version)) {
                continue;
            }
            Outcome status = statusOf(e.getKey().outcome());
            if (status == Outcome.REJECTED) {
                continue;
            }
            int http = switch (status) {
                case OK -> 200;
                case TIMEOUT -> 504;
                default -> 500;
            };
            double lower = 0.0;
            double previous = 0.0;
            for (var b : e.getValue().entrySet()) {
                long inBucket = Math.round(b.getValue() - previous);
                double upper = b.getKey();
                double ms = 1000.0 * (Double.isInfinite(upper) ? lower : lower == 0.0 ? upper / 2 : Math.sqrt(lower * upper));
                for (long i = 0; i < inBucket; i++) {
                    records.add(new AccessLogRecord(at, "", "", endpointLabel, version, ms, status, http));
                }
                previous = b.getValue();
                if (!Double.isInfinite(upper)) {
                    lower = upper;
                }
            }
        }
        return records;
    }

    private static Outcome statusOf(String outcome) {
        return switch (outcome) {
            case "ok" -> Outcome.OK;
            case "timeout" -> Outcome.TIMEOUT;
            case "rejected" -> Outcome.REJECTED;
            default -> Outcome.ERROR;
        };
    }

    private static double parseLe(String le) {
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }
}
