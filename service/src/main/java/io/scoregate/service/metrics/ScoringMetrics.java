package io.scoregate.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.scoregate.contract.MetricNames;
import io.scoregate.contract.Outcome;
import io.scoregate.service.model.ModelCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The one owner of the scoring meters. Meters are cached per (version, endpoint, outcome) so the hot path
 * is a map lookup, not a registry lookup with tag sorting.
 */
@ApplicationScoped
public class ScoringMetrics {

    /** Bucket bounds chosen around the 500 ms default deadline, so "how many were near it" is readable. */
    private static final Duration[] SLO_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(500),
            Duration.ofMillis(750), Duration.ofSeconds(1), Duration.ofMillis(2500)};

    private final MeterRegistry registry;
    private final ConcurrentMap<Key, Meters> meters = new ConcurrentHashMap<>();
    private final Map<AccessLogDropReason, Counter> accessLogDropped = new EnumMap<>(AccessLogDropReason.class);

    public ScoringMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered up front, so a dashboard sees 0 rather than no series before the first loss.
        for (AccessLogDropReason reason : AccessLogDropReason.values()) {
            accessLogDropped.put(reason, Counter.builder(MetricNames.ACCESS_LOG_DROPPED)
                    .description("Access-log lines that never reached the file")
                    .tag(MetricNames.TAG_REASON, reason.tag())
                    .register(registry));
        }
    }

    public void record(String modelVersion, String endpoint, Outcome outcome, long nanos) {
        Meters m = meters.computeIfAbsent(new Key(modelVersion, endpoint, outcome), this::register);
        m.timer.record(nanos, TimeUnit.NANOSECONDS);
        m.counter.increment();
    }

    /** One gauge per version that loaded (1) or failed (0): a broken artifact shows on the dashboard. */
    void registerModelGauges(@Observes StartupEvent event, ModelCatalog catalog) {
        for (String version : catalog.loadedVersions()) {
            modelGauge(version, 1);
        }
        for (String version : catalog.failedVersions().keySet()) {
            modelGauge(version, 0);
        }
    }

    private void modelGauge(String version, double value) {
        Gauge.builder(MetricNames.MODEL_LOADED, () -> value)
                .description("Whether the model version's artifact loaded (1) or failed (0)")
                .tag(MetricNames.TAG_MODEL_VERSION, version)
                .register(registry);
    }

    public void accessLogLinesDropped(AccessLogDropReason reason, int lines) {
        accessLogDropped.get(reason).increment(lines);
    }

    private Meters register(Key k) {
        Timer timer = Timer.builder(MetricNames.REQUEST_DURATION)
                .description("Latency of scoring requests")
                .tag(MetricNames.TAG_MODEL_VERSION, k.version)
                .tag(MetricNames.TAG_ENDPOINT, k.endpoint)
                .tag(MetricNames.TAG_OUTCOME, k.outcome.tag())
                .serviceLevelObjectives(SLO_BUCKETS)
                // Micrometer's percentile buckets as well (60 from 1 ms to 10 s, 9% to 33% apart: within each
                // factor of 4 the gap shrinks from 33% to 9%): the gate's rollout judges p95 and mean ratios from
                // them, which the SLO buckets alone are too coarse for. The guard's own windows count on the
                // evidence module's finer, uniform 10% grid (LatencyHistogram).
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        Counter counter = Counter.builder(MetricNames.REQUESTS)
                .description("Scoring requests")
                .tag(MetricNames.TAG_MODEL_VERSION, k.version)
                .tag(MetricNames.TAG_ENDPOINT, k.endpoint)
                .tag(MetricNames.TAG_OUTCOME, k.outcome.tag())
                .register(registry);
        return new Meters(timer, counter);
    }

    private record Key(String version, String endpoint, Outcome outcome) {
    }

    private record Meters(Timer timer, Counter counter) {
    }
}
