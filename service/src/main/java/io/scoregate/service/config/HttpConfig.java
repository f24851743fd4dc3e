package io.scoregate.service.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Limits on what lenders may send, and what the lender port shows them. */
@ConfigMapping(prefix = "scoregate.http")
public interface HttpConfig {

    /** {@code scoregate.http.max-body}: larger request bodies are answered 413 with a problem document. */
    @WithDefault("64K")
    MemorySize maxBody();

    /**
     * {@code scoregate.http.body-timeout}: a request whose body has not fully arrived this long after its
     * headers (a stalled client, or a Content-Length larger than what it sends) is answered 408 with a problem
     * document and its connection closed.
     */
    @WithDefault("30s")
    Duration bodyTimeout();

    /**
     * {@code scoregate.http.operator-paths-need-token}: every operator path on the lender port (the admin API,
     * including its reads, and everything under {@code /q/} but the liveness, readiness and startup probes) needs
     * the admin bearer token. Off in the embedded default, where the gate and a developer read them freely; on in
     * the {@code production} profile, where lenders share the port.
     */
    @WithDefault("false")
    boolean operatorPathsNeedToken();

    /**
     * {@code scoregate.http.metrics-token} (normally from the environment variable SCOREGATE_HTTP_METRICS_TOKEN): a
     * bearer token that opens {@code GET /q/metrics} and nothing else where operator paths need a token, so
     * Prometheus scrapes without holding the admin token, which can change routing.
     */
    Optional<String> metricsToken();
}
