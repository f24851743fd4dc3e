package io.scoregate.gate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator's client against real sockets: its pool bound, a late answer read to the end so its
 * connection is kept, and the bounds it shares with {@link BoundedExchange}. Time bounds are generous (a loaded
 * 2-core machine); the assertions are on what happened, not on how fast.
 */
class PooledExchangeTest {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private HttpServer server;
    /** The client port of every request the server saw: a new port is a new connection. */
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

    /** A keep-alive server answering {@code /slow/MS} after MS milliseconds and anything else at once. */
    private URI startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            try (exchange) {
                clientPorts.add(exchange.getRemoteAddress().getPort());
                exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getPath();
                if (path.startsWith("/slow/")) {
                    Thread.sleep(Long.parseLong(path.substring("/slow/".length())));
                }
                byte[] body = "{\"ok\":true}".getBytes();
                exchange.getResponseHeaders().add("X-Model-Version", "v1.2");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static CompletableFuture<PooledExchange.Answer> post(PooledExchange client, URI uri, Duration deadline) {
        var batch = client.batch();
        var answer = batch.post(uri, JSON, "{}", new BoundedExchange.Limits(deadline, 64 << 10));
        batch.flush();
        return answer;
    }

    /** One exchange first, so that a short deadline is not spent on a cold client's first connection. */
    private static void connect(PooledExchange client, URI base) throws Exception {
        assertThat(post(client, base.resolve("/connect"), Duration.ofSeconds(5)).get(30, TimeUnit.SECONDS).statusCode())
                .isEqualTo(200);
    }

    private static ExchangeFailedException.Failure failureOf(CompletableFuture<?> answer) throws Exception {
        try {
            answer.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return ((ExchangeFailedException) e.getCause()).failure();
        }
        throw new AssertionError("the exchange succeeded");
    }

    @Test
    void shouldAnswerWithTheStatusAndHeaders() throws Exception {
        URI base = startServer();
        try (var client = new PooledExchange(4, 1, Duration.ofSeconds(5))) {
            var answer = post(client, base.resolve("/risk-score"), Duration.ofSeconds(5)).get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.header("X-Model-Version")).contains("v1.2");
            assertThat(answer.header("X-Absent")).isEmpty();
        }
    }

    @Test
    void shouldNeverOpenMoreConnectionsThanThePoolAllows() throws Exception {
        URI base = startServer();
        try (var client = new PooledExchange(3, 1, Duration.ofSeconds(10))) {
            List<CompletableFuture<PooledExchange.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                answers.add(post(client, base.resolve("/slow/100"), Duration.ofSeconds(10)));
            }
            for (var a : answers) {
                assertThat(a.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            // twelve requests at once, three at a time over the same three connections
            assertThat(clientPorts).hasSize(3);
        }
    }

    @Test
    void shouldTimeOutALateAnswerAtTheDeadlineAndKeepItsConnection() throws Exception {
        URI base = startServer();
        try (var client = new PooledExchange(1, 1, Duration.ofSeconds(5))) {
            connect(client, base);
            long started = System.nanoTime();
            var late = post(client, base.resolve("/slow/1400"), Duration.ofMillis(1000));
            assertThat(failureOf(late)).isEqualTo(ExchangeFailedException.Failure.DEADLINE);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1350));

            // the late answer (at 1.4 s) is read to its end within a second deadline (at 2 s), and the one
            // connection serves on
            var next = post(client, base.resolve("/risk-score"), Duration.ofSeconds(5)).get(30, TimeUnit.SECONDS);
            assertThat(next.statusCode()).isEqualTo(200);
            assertThat(clientPorts).hasSize(1);
        }
    }

    @Test
    void shouldHangUpOnAnAnswerNotDoneByTheSecondDeadline() throws Exception {
        URI base = startServer();
        try (var client = new PooledExchange(1, 1, Duration.ofSeconds(5))) {
            connect(client, base);
            var stalled = post(client, base.resolve("/slow/3000"), Duration.ofMillis(200));
            assertThat(failureOf(stalled)).isEqualTo(ExchangeFailedException.Failure.DEADLINE);
            // reset after 2 x 200 ms: the next request needs a new connection, long before the stall ends
            long started = System.nanoTime();
            var next = post(client, base.resolve("/risk-score"), Duration.ofSeconds(5)).get(30, TimeUnit.SECONDS);
            assertThat(next.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
            assertThat(clientPorts).as("ports %s", clientPorts).hasSize(2);
        }
    }

    @Test
    void shouldStopAnEndlessBodyAtTheCap() throws Exception {
        try (var hostile = new HostileServer(HostileServer.ENDLESS);
             var client = new PooledExchange(2, 1, Duration.ofSeconds(30))) {
            var answer = post(client, hostile.uri().resolve("/risk-score"), Duration.ofSeconds(30));
            assertThat(failureOf(answer)).isEqualTo(ExchangeFailedException.Failure.BODY_TOO_LARGE);
        }
    }

    @Test
    void shouldCallARefusedConnectionRefused() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (var client = new PooledExchange(2, 1, Duration.ofSeconds(5))) {
            var answer = post(client, URI.create("http://127.0.0.1:" + port + "/risk-score"), Duration.ofSeconds(5));
            assertThat(failureOf(answer)).isEqualTo(ExchangeFailedException.Failure.REFUSED);
        }
    }

    @Test
    void shouldRefuseADeadlineLongerThanTheClients() {
        try (var client = new PooledExchange(2, 1, Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> client.batch().post(URI.create("http://127.0.0.1:1/"), JSON, "{}",
                    new BoundedExchange.Limits(Duration.ofSeconds(2), 1024)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
