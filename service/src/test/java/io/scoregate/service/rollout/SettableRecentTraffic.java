package io.scoregate.service.rollout;

import io.scoregate.service.metrics.RecentTraffic;
import io.scoregate.service.metrics.VersionWindow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test double at the one boundary the guard reads through: per-version figures the test sets. Enabled only
 * by {@link RollbackGuardTest}'s profile, so every other test sees the real traffic windows.
 */
@Alternative
@ApplicationScoped
public class SettableRecentTraffic implements RecentTraffic {

    private final Map<String, VersionWindow> figures = new ConcurrentHashMap<>();

    public void set(String version, long requests, long timeouts, long errors, double mean, double p95) {
        figures.put(version, new VersionWindow(version, Duration.ofSeconds(60), requests,
                requests - timeouts - errors, timeouts, errors, mean, p95));
    }

    @Override
    public VersionWindow recent(String version, Duration window) {
        VersionWindow v = figures.getOrDefault(version, new VersionWindow(version, window, 0, 0, 0, 0, 0, 0));
        return new VersionWindow(version, window, v.requests(), v.ok(), v.timeouts(), v.errors(), v.meanLatencyMs(),
                v.p95LatencyMs());
    }
}
