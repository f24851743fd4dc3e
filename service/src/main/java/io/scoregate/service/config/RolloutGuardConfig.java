package io.scoregate.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The automatic rollback guard. The thresholds default to the incident write-up's triggers
 * (mean > 2x baseline, p95 +50%, timeout rate > 5%, error rate > 2%).
 */
@ConfigMapping(prefix = "scoregate.guard")
public interface RolloutGuardConfig {

    /** {@code scoregate.guard.enabled}: whether the guard runs at all. */
    @WithDefault("true")
    boolean enabled();

    /** {@code scoregate.guard.interval}: how often it looks. */
    @WithDefault("5s")
    Duration interval();

    /** {@code scoregate.guard.window}: the sliding window of this instance's traffic it compares over. */
    @WithDefault("60s")
    Duration window();

    /** {@code scoregate.guard.min-requests}: requests each version needs in the window before the guard may act. */
    @WithDefault("20")
    int minRequests();

    /** {@code scoregate.guard.mean-latency-factor}: roll back when candidate mean > this x stable mean. */
    @WithDefault("2.0")
    double meanLatencyFactor();

    /** {@code scoregate.guard.p95-latency-factor}: roll back when candidate p95 > this x stable p95. */
    @WithDefault("1.5")
    double p95LatencyFactor();

    /** {@code scoregate.guard.max-timeout-rate}: roll back when the candidate's timeout rate exceeds this (0..1). */
    @WithDefault("0.05")
    double maxTimeoutRate();

    /** {@code scoregate.guard.max-error-rate}: roll back when the candidate's error rate exceeds this (0..1). */
    @WithDefault("0.02")
    double maxErrorRate();
}
