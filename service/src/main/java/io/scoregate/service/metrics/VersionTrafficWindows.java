package io.scoregate.service.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** PLACEHOLDER owned by the scoring/observability work: the real one keeps a sliding window per version. */
@ApplicationScoped
public class VersionTrafficWindows implements RecentTraffic {

    @Override
    public VersionWindow recent(String version, Duration window) {
        return new VersionWindow(version, window, 0, 0, 0, 0, 0.0, 0.0);
    }
}
