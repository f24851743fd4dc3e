package io.scoregate.gate.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on a loopback port that stands in for the scoring service: answers
 * {@code /q/health/ready}, records every scoring request it receives, and lets a test decide how each is
 * answered (status, answered version, a stall).
 */
final class FakeScoringServer implements AutoCloseable {

    /** What the server received. */
    record Received(int sequence, String path, String pinnedVersion, String requestId, String body, Instant at) {
    }

    /** How to answer one request. */
    @FunctionalInterface
    interface Behaviour {
        /** Returns the HTTP status; may block to simulate a slow model; may set response headers. */
        int answer(Received request, HttpExchange exchange) throws Exception;
    }

    /** Echoes the pinned version back with 200, like the real service. */
    static final Behaviour ECHO = (request, exchange) -> {
        exchange.getResponseHeaders().add("X-Model-Version", request.pinnedVersion());
        return 200;
    };

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger primed = new AtomicInteger();
    private volatile int readyStatus = 200;

    FakeScoringServer(ExecutorService executor, Behaviour behaviour) {
        this.executor = executor;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/q/health/ready", exchange -> {
            exchange.sendResponseHeaders(readyStatus, -1);
            exchange.close();
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
                if (requestId != null && requestId.startsWith(ClientPriming.REQUEST_ID_PREFIX)) {
                    // the generator's priming burst: answered, counted apart, invisible to the behaviour
                    primed.incrementAndGet();
                    exchange.getResponseHeaders().add("X-Model-Version",
                            exchange.getRequestHeaders().getFirst("X-Model-Version"));
                    exchange.sendResponseHeaders(200, -1);
                    return;
                }
                var r = new Received(sequence.getAndIncrement(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("X-Model-Version"),
                        exchange.getRequestHeaders().getFirst("X-Request-Id"), body, Instant.now());
                received.add(r);
                int status;
                try {
                    status = behaviour.answer(r, exchange);
                } catch (Exception e) {
                    status = 500;
                }
                byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (IOException clientWentAway) {
                // the load generator timed out and closed the connection: nothing to answer
            }
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The scheduled requests received, in order (the priming burst is not among them). */
    List<Received> received() {
        return List.copyOf(received);
    }

    /** How many requests of the generator's priming burst arrived. */
    int primed() {
        return primed.get();
    }

    void readyStatus(int status) {
        this.readyStatus = status;
    }

    /** Stops accepting and closes connections; later requests are refused. */
    void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
