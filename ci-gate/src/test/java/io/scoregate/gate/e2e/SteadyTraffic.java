package io.scoregate.gate.e2e;

import io.scoregate.gate.corpus.SmeApplicationGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lender traffic for the rollout tests: unpinned {@code POST /risk-score} requests at a steady rate, spread
 * round-robin over the instances, so the routing table (not the test) decides which version scores each.
 * Counts every answer by HTTP status, and transport failures apart, so a test can assert nothing was lost.
 */
final class SteadyTraffic implements AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final SmeApplicationGenerator bodies = new SmeApplicationGenerator(11);
    private final List<URI> targets;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong transportFailures = new AtomicLong();
    private final java.util.concurrent.Phaser inFlight = new java.util.concurrent.Phaser(1);
    private final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

    SteadyTraffic(List<URI> targets, int ratePerSecond) {
        this.targets = List.copyOf(targets);
        scheduler.scheduleAtFixedRate(this::sendOne, 0, 1_000_000L / ratePerSecond, TimeUnit.MICROSECONDS);
    }

    private void sendOne() {
        long i = sent.getAndIncrement();
        URI target = targets.get((int) (i % targets.size())).resolve("/risk-score");
        var request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(bodies.next().json())).build();
        inFlight.register();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error != null) {
                transportFailures.incrementAndGet();
                Throwable cause = error.getCause() == null ? error : error.getCause();
                failures.computeIfAbsent(cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                        k -> new AtomicLong()).incrementAndGet();
            } else {
                byStatus.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
            }
            // counted first, then released: close() returns only once every answer is in the counts
            inFlight.arriveAndDeregister();
        });
    }

    long sent() {
        return sent.get();
    }

    long transportFailures() {
        return transportFailures.get();
    }

    /** Why transport failures happened, with counts, for assertion messages. */
    String failureSummary() {
        return failures.toString();
    }

    Map<Integer, Long> byStatus() {
        Map<Integer, Long> out = new java.util.TreeMap<>();
        byStatus.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Stops sending and waits for every request already sent, so the counts cover all of them. */
    @Override
    public void close() throws InterruptedException {
        scheduler.shutdown();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
        try {
            inFlight.awaitAdvanceInterruptibly(inFlight.arrive(), 60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("requests still unanswered 60 s after the traffic stopped");
        }
    }
}
