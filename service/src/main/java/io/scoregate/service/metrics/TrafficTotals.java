package io.scoregate.service.metrics;

/** Per-version running totals of this instance's own traffic since it started (what the rollback guard reads). */
public interface TrafficTotals {

    /** A snapshot of {@code version}'s totals; {@link VersionTotals#none()} when it has served nothing. */
    VersionTotals totals(String version);
}
