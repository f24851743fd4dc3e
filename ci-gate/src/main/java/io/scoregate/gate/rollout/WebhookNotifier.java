package io.scoregate.gate.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts a Slack-compatible {@code {"text": ...}} body to a webhook, retrying failures with exponential
 * backoff (0.5 s, 1 s, 2 s...). A webhook that stays down is reported, never fatal: the rollback itself
 * has already happened.
 */
public final class WebhookNotifier implements Notifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI url;
    private final int attempts;
    private final Pacer pacer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public WebhookNotifier(URI url, int attempts, Pacer pacer) {
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
                var response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    return "webhook " + url.getHost() + " accepted the notification (HTTP " + response.statusCode()
                            + ", attempt " + attempt + ")";
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (attempt < attempts) {
                pacer.pause(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
        return "webhook " + url.getHost() + " was not notified after " + attempts + " attempts (last: " + last + ")";
    }
}
