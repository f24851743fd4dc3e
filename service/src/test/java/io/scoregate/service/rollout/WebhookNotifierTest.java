package io.scoregate.service.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {

    private HttpServer receiver;
    private ScheduledExecutorService executor;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        executor = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        executor.shutdownNow();
    }

    private WebhookNotifier notifier(URI url, int attempts) {
        return new WebhookNotifier(url, HttpClient.newHttpClient(), executor, attempts, Duration.ofMillis(20),
                Duration.ofSeconds(2));
    }

    private URI hook() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    @Test
    void shouldPostASlackCompatibleTextBody() throws Exception {
        var delivery = notifier(hook(), 3).send("rolled back v1.3 \"now\"\nline two").get(5, TimeUnit.SECONDS);

        assertThat(delivery).isEqualTo(new WebhookNotifier.Delivery(true, 1, "HTTP 200"));
        assertThat(bodies).containsExactly("{\"text\":\"rolled back v1.3 \\\"now\\\"\\nline two\"}");
        assertThat(contentTypes).containsExactly("application/json");
    }

    @Test
    void shouldRetryAfterFailuresWithGrowingBackoff() throws Exception {
        failuresLeft.set(2);
        long start = System.nanoTime();
        var delivery = notifier(hook(), 5).send("x").get(5, TimeUnit.SECONDS);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(delivery.delivered()).isTrue();
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(bodies).hasSize(3);
        // waits of 20 ms then 40 ms between the attempts
        assertThat(elapsedMs).isGreaterThanOrEqualTo(60);
    }

    @Test
    void shouldGiveUpAfterMaxAttemptsWhenNobodyListens() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        var delivery = notifier(URI.create("http://127.0.0.1:" + deadPort + "/hook"), 3).send("x")
                .get(5, TimeUnit.SECONDS);
        assertThat(delivery.delivered()).isFalse();
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.lastOutcome()).contains("ConnectException");
    }

    @Test
    void shouldReturnBeforeTheReceiverAnswers() throws Exception {
        var slowGate = new java.util.concurrent.CountDownLatch(1);
        receiver.createContext("/slow", exchange -> {
            try {
                slowGate.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        var future = notifier(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/slow"), 1).send("x");
        assertThat(future).isNotDone();
        slowGate.countDown();
        assertThat(future.get(5, TimeUnit.SECONDS).delivered()).isTrue();
    }
}
