package io.scoregate.service.rollout;

import io.scoregate.service.config.RolloutNotifyConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;

/** The configured webhook, on its own single daemon thread; a no-op when no URL is configured. */
@ApplicationScoped
public class RolloutNotifier {

    private static final Logger LOG = Logger.getLogger(RolloutNotifier.class);

    private final ScheduledExecutorService executor;
    private final Optional<WebhookNotifier> webhook;

    public RolloutNotifier(RolloutNotifyConfig config) {
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scoregate-webhook");
            t.setDaemon(true);
            return t;
        });
        this.webhook = config.webhookUrl().map(url -> new WebhookNotifier(url,
                HttpClient.newBuilder().connectTimeout(config.timeout()).build(), executor, config.maxAttempts(),
                config.initialBackoff(), config.timeout()));
    }

    /** Announces {@code text}; returns at once. Empty when no webhook is configured. */
    public Optional<CompletableFuture<WebhookNotifier.Delivery>> notify(String text) {
        if (webhook.isEmpty()) {
            LOG.debugf("no webhook configured; not announcing: %s", text);
        }
        return webhook.map(w -> w.send(text));
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
