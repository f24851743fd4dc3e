package io.scoregate.service.metrics;

import java.time.Duration;

/** Per-version figures over a sliding time window of this instance's own traffic. */
public interface RecentTraffic {

    /** The figures for one version over the last {@code window}; all zero when it saw no request. */
    VersionWindow recent(String version, Duration window);
}
