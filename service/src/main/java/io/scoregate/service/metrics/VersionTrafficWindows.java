package io.scoregate.service.metrics;

import io.scoregate.contract.Outcome;
import io.scoregate.service.config.TrafficWindowConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link SlidingTimeWindow} per model version on this instance: what the health checks read to see which
 * version is slow, and since when; and each version's running totals since this instance started, which the
 * rollback guard takes differences of between its looks. Windows longer than the configured length are
 * answered with the whole length.
 */
@ApplicationScoped
public class VersionTrafficWindows implements RecentTraffic, TrafficTotals {

    private final Clock clock;
    private final Duration length;
    private final Duration resolution;
    private final ConcurrentMap<String, SlidingTimeWindow> windows = new ConcurrentHashMap<>();

    @Inject
    public VersionTrafficWindows(TrafficWindowConfig config, Clock clock) {
        this(clock, config.length(), config.resolution());
    }

    /** For tests: a clock they can move. */
    public VersionTrafficWindows(Clock clock, Duration length, Duration resolution) {
        if (resolution.isZero() || resolution.isNegative() || length.compareTo(resolution) < 0) {
            throw new IllegalArgumentException("`scoregate.metrics.window.resolution` must be positive and at most "
                    + "`length`, but was " + resolution + " for length " + length);
        }
        this.clock = clock;
        this.length = length;
        this.resolution = resolution;
    }

    public void record(String version, Outcome outcome, double latencyMillis) {
        if (outcome == Outcome.REJECTED) {
            return;
        }
        windows.computeIfAbsent(version, v -> new SlidingTimeWindow(clock, length, resolution))
                .record(outcome, latencyMillis);
    }

    @Override
    public VersionWindow recent(String version, Duration window) {
        SlidingTimeWindow w = windows.get(version);
        return w == null ? new VersionWindow(version, window, 0, 0, 0, 0, 0.0, 0.0) : w.snapshot(version, window);
    }

    @Override
    public VersionTotals totals(String version) {
        SlidingTimeWindow w = windows.get(version);
        return w == null ? VersionTotals.none() : w.totals();
    }
}
