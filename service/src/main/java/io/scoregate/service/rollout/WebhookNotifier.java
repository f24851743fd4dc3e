package io.scoregate.service.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Posts {"text": ...} (the Slack incoming-webhook body) to a URL. Every attempt runs on the given executor,
 * never on the caller's thread, so a slow or dead receiver cannot hold up the guard, let alone scoring.
 * A failed attempt (no answer, or a non-2xx status) is retried after {@code initialBackoff}, doubling each
 * time, up to {@code maxAttempts}; then it is given up and logged at ERROR.
 */
public final class WebhookNotifier {

    private static final Logger LOG = Logger.getLogger(WebhookNotifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a notification ended: delivered or not, after how many attempts, and the last failure. */
    public record Delivery(boolean delivered, int attempts, String lastOutcome) {
    }

    private final URI url;
    private final HttpClient http;
    private final ScheduledExecutorService executor;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration timeout;

    public WebhookNotifier(URI url, HttpClient http, ScheduledExecutorService executor, int maxAttempts,
                           Duration initialBackoff, Duration timeout) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("`scoregate.notify.max-attempts` must be at least 1, but was "
                    + maxAttempts);
        }
        this.url = url;
        this.http = http;
        this.executor = executor;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.timeout = timeout;
    }

    /** Starts delivering {@code text}; returns at once. The future completes when delivered or given up. */
    public CompletableFuture<Delivery> send(String text) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("text", text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a string as JSON", e);
        }
        CompletableFuture<Delivery> done = new CompletableFuture<>();
        executor.execute(() -> attempt(body, 1, done));
        return done;
    }

    private void attempt(String body, int attempt, CompletableFuture<Delivery> done) {
        String outcome;
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            // only the status matters: the answer's body is discarded as it arrives, never held, however large
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                done.complete(new Delivery(true, attempt, "HTTP " + response.statusCode()));
                return;
            }
            outcome = "HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.complete(new Delivery(false, attempt, "interrupted"));
            return;
        } catch (Exception e) {
            outcome = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (attempt >= maxAttempts) {
            LOG.errorf("webhook %s: giving up after %d attempts (last: %s)", url, attempt, outcome);
            done.complete(new Delivery(false, attempt, outcome));
            return;
        }
        long delayMs = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        LOG.warnf("webhook %s: attempt %d failed (%s); retrying in %d ms", url, attempt, outcome, delayMs);
        String last = outcome;
        try {
            executor.schedule(() -> attempt(body, attempt + 1, done), delayMs, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            done.complete(new Delivery(false, attempt, last + "; executor refused the retry: " + e));
        }
    }
}
