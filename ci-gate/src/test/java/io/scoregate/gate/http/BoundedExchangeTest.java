package io.scoregate.gate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The one piece every HTTP call of the gate goes through, against real hostile sockets. Time bounds are
 * generous (a loaded 2-core machine): what matters is that each call ends near its deadline, not never.
 */
class BoundedExchangeTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private final BoundedExchange http = new BoundedExchange(HttpClient.newHttpClient());

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri.resolve("/anything")).GET().build();
    }

    @Test
    void shouldStopReadingAnEndlessBodyAtTheCapAndHangUp() throws Exception {
        try (var server = new HostileServer(HostileServer.ENDLESS)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> http.send(get(server.uri()), new BoundedExchange.Limits(Duration.ofSeconds(30), 1 << 20)))
                    .isInstanceOfSatisfying(ExchangeFailedException.class, e -> {
                        assertThat(e.failure()).isEqualTo(ExchangeFailedException.Failure.BODY_TOO_LARGE);
                        assertThat(e.getMessage()).isEqualTo(server.uri() + "/anything: answer body exceeded 1 MiB");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            // the client closed the connection instead of draining the endless body in the background
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (server.hungUp() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(server.hungUp()).isEqualTo(1);
            long written = server.bytesWritten();
            Thread.sleep(500);
            assertThat(server.bytesWritten()).isEqualTo(written);
        }
    }

    @Test
    void shouldGiveUpOnABodyTricklingOneBytePerSecondAtTheDeadline() throws Exception {
        try (var server = new HostileServer(HostileServer.TRICKLE)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> http.send(get(server.uri()), new BoundedExchange.Limits(DEADLINE, 1 << 20)))
                    .isInstanceOfSatisfying(ExchangeFailedException.class, e -> {
                        assertThat(e.failure()).isEqualTo(ExchangeFailedException.Failure.DEADLINE);
                        assertThat(e.getMessage()).isEqualTo(server.uri() + "/anything: no complete answer within 2 s");
                    });
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isGreaterThanOrEqualTo(DEADLINE.minusMillis(50)).isLessThan(Duration.ofSeconds(12));
            // and hung up: the trickle's next writes fail
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (server.hungUp() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(server.hungUp()).isEqualTo(1);
        }
    }

    @Test
    void shouldGiveUpOnATargetThatNeverAnswersAtTheDeadline() throws Exception {
        try (var server = new HostileServer(HostileServer.SILENT)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> http.send(get(server.uri()), new BoundedExchange.Limits(DEADLINE, 1 << 20)))
                    .isInstanceOfSatisfying(ExchangeFailedException.class,
                            e -> assertThat(e.failure()).isEqualTo(ExchangeFailedException.Failure.DEADLINE));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isGreaterThanOrEqualTo(DEADLINE.minusMillis(50)).isLessThan(Duration.ofSeconds(12));
        }
    }

    @Test
    void shouldRefuseADeclaredLengthOverTheCapWithoutReadingTheBody() throws Exception {
        try (var server = new HostileServer(path -> new HostileServer.Answer(200, "text/plain", "y".repeat(5000)))) {
            assertThatThrownBy(() -> http.send(get(server.uri()), new BoundedExchange.Limits(DEADLINE, 4096)))
                    .isInstanceOfSatisfying(ExchangeFailedException.class, e -> assertThat(e.getMessage())
                            .endsWith("/anything: answer body exceeded 4 KiB"));
        }
    }

    @Test
    void shouldReturnAWholeAnswerWithinItsLimits() throws Exception {
        try (var server = new HostileServer(path -> new HostileServer.Answer(201, "application/json", "{\"ok\":true}"))) {
            var answer = http.send(get(server.uri()), new BoundedExchange.Limits(DEADLINE, 11));
            assertThat(answer.statusCode()).isEqualTo(201);
            assertThat(BoundedExchange.text(answer)).isEqualTo("{\"ok\":true}");
        }
    }

    @Test
    void shouldSayTheConnectionWasRefused() throws Exception {
        int port;
        try (var s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> http.send(get(URI.create("http://127.0.0.1:" + port)),
                new BoundedExchange.Limits(DEADLINE, 1024)))
                .isInstanceOfSatisfying(ExchangeFailedException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ExchangeFailedException.Failure.REFUSED);
                    assertThat(e.getMessage()).isEqualTo("http://127.0.0.1:" + port + "/anything: connection refused");
                });
    }

    @Test
    void shouldStopWaitingAtOnceWhenInterrupted() throws Exception {
        try (var server = new HostileServer(HostileServer.TRICKLE)) {
            var thrown = new AtomicReference<Throwable>();
            Thread caller = new Thread(() -> {
                try {
                    http.send(get(server.uri()), new BoundedExchange.Limits(Duration.ofSeconds(60), 1 << 20));
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            caller.start();
            assertThat(server.awaitRequest(10)).isTrue();
            long interrupted = System.nanoTime();
            caller.interrupt();
            caller.join(10_000);
            assertThat(caller.isAlive()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - interrupted)).isLessThan(Duration.ofSeconds(5));
            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        }
    }

    @Test
    void shouldNotStartAnExchangeOnAnInterruptedThread() throws Exception {
        try (var server = new HostileServer(HostileServer.SILENT)) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> http.send(get(server.uri()), new BoundedExchange.Limits(DEADLINE, 1024)))
                    .isInstanceOf(InterruptedException.class);
            Thread.sleep(300);
            assertThat(server.requests()).isZero();
        }
    }
}
