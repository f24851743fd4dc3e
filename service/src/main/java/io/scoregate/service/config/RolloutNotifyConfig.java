package io.scoregate.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where automatic rollbacks are announced (a Slack-compatible incoming webhook). */
@ConfigMapping(prefix = "scoregate.notify")
public interface RolloutNotifyConfig {

    /** {@code scoregate.notify.webhook-url}: receives {"text": ...}; unset means no notification. */
    Optional<URI> webhookUrl();

    /** {@code scoregate.notify.max-attempts}: deliveries tried before giving up (logged at ERROR). */
    @WithDefault("5")
    int maxAttempts();

    /** {@code scoregate.notify.initial-backoff}: wait before the first retry; doubles after each failure. */
    @WithDefault("1s")
    Duration initialBackoff();

    /** {@code scoregate.notify.timeout}: per-attempt HTTP timeout. */
    @WithDefault("5s")
    Duration timeout();
}
