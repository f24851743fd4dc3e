package io.scoregate.gate.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scoregate.gate.http.BoundedExchange;
import io.scoregate.gate.http.ExchangeFailedException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * Posts a Slack-compatible {@code {"text": ...}} body to a webhook, retrying failures with exponential
 * backoff (0.5 s, 1 s, 2 s...). A webhook that stays down is reported, never fatal: the rollback itself
 * has already happened. Each attempt is a {@link BoundedExchange} (10 s for the whole exchange, at most 64 KiB
 * of answer read: Slack answers {@code ok}).
 */
public final class WebhookNotifier implements Notifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI url;
    private final int attempts;
    private final Pacer pacer;
    static final BoundedExchange.Limits LIMITS = new BoundedExchange.Limits(Duration.ofSeconds(10), 64 << 10);
    private final BoundedExchange http =
            new BoundedExchange(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    private final BoundedExchange.Limits limits;

    public WebhookNotifier(URI url, int attempts, Pacer pacer) {
        this(url, attempts, pacer, LIMITS);
    }

    /** @param limits each attempt's deadline and answer cap (tests shorten the deadline) */
    WebhookNotifier(URI url, int attempts, Pacer pacer, BoundedExchange.Limits limits) {
        this.limits = limits;
        this.url = url;
        this.attempts = attempts;
        this.pacer = pacer;
    }

    @Override
    public String send(String text) throws InterruptedException {
        String body = JSON.createObjectNode().put("text", text).toString();
        String last = "";
        Duration backoff = Duration.ofMillis(500);
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                var response = http.send(HttpRequest.newBuilder(url).timeout(limits.deadline())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), limits);
                if (response.statusCode() / 100 == 2) {
                    return "webhook " + url.getHost() + " accepted the notification (HTTP " + response.statusCode()
                            + ", attempt " + attempt + ")";
                }
                last = "HTTP " + response.statusCode();
            } catch (ExchangeFailedException e) {
                last = e.what();
            }
            if (attempt < attempts) {
                pacer.pause(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
        return "webhook " + url.getHost() + " was not notified after " + attempts + " attempts (last: " + last + ")";
    }
}
