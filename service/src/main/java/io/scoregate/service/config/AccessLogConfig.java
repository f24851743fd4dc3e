package io.scoregate.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The per-request access log (one JSON object per line; the gate reads it). */
@ConfigMapping(prefix = "scoregate.access-log")
public interface AccessLogConfig {

    /** {@code scoregate.access-log.path}: the file; default {@code <scoregate.data-dir>/access.jsonl}. */
    Optional<Path> path();

    /** {@code scoregate.access-log.stdout}: also print each line on standard output. */
    @WithDefault("false")
    boolean stdout();

    /**
     * {@code scoregate.access-log.queue-capacity}: lines waiting for the writer thread. When it is full a line
     * is dropped and counted (scoregate_access_log_dropped_total{reason="queue_full"}) rather than slowing the request down.
     */
    @WithDefault("65536")
    int queueCapacity();

    /**
     * {@code scoregate.access-log.error-log-interval}: while writes fail (full disk, read-only directory),
     * at most one ERROR line per interval reaches the server log, with the number held back since the last.
     */
    @WithDefault("10s")
    Duration errorLogInterval();
}
