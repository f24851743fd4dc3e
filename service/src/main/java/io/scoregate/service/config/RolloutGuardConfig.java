package io.scoregate.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The automatic rollback guard: each instance watches the live candidate against the stable version on its own
 * traffic since the candidate got weight, with anytime-valid (sequential) evidence, and rolls it back when a
 * limit is broken with that evidence. The limits default to the incident write-up's triggers (p95 +50%, timeout
 * rate > 5%, error rate > 2%). The write-up's "mean > 2x" has no anytime-valid test; the p95 tail rule catches a
 * slow model.
 */
@ConfigMapping(prefix = "scoregate.guard")
public interface RolloutGuardConfig {

    /** {@code scoregate.guard.enabled}: whether the guard runs at all. */
    @WithDefault("true")
    boolean enabled();

    /** {@code scoregate.guard.interval}: how often it takes in the traffic since its last look and looks. */
    @WithDefault("5s")
    Duration interval();

    /**
     * {@code scoregate.guard.alpha}: the chance, per canary phase, that this instance <em>ever</em> rolls back a
     * candidate that is within every limit, however long the phase lasts and however often it looks. With K
     * instances each guarding its own traffic, the chance that some instance does is at most K x alpha.
     */
    @WithDefault("0.01")
    double alpha();

    /**
     * {@code scoregate.guard.warmup}: for this long after a phase starts, the candidate's latencies are not
     * evidence (cold code paths); its timeouts and errors always are. Ends only once
     * {@code warmup-requests} have passed too.
     */
    @WithDefault("30s")
    Duration warmup();

    /** {@code scoregate.guard.warmup-requests}: candidate requests whose latency is not evidence (with {@code warmup}). */
    @WithDefault("20")
    int warmupRequests();

    /** {@code scoregate.guard.p95-latency-factor}: roll back when the candidate's p95 > this x the stable p95. */
    @WithDefault("1.5")
    double p95LatencyFactor();

    /** {@code scoregate.guard.max-timeout-rate}: roll back when the candidate's timeout rate is above this. */
    @WithDefault("0.05")
    double maxTimeoutRate();

    /** {@code scoregate.guard.max-error-rate}: roll back when the candidate's error rate is above this. */
    @WithDefault("0.02")
    double maxErrorRate();
}
