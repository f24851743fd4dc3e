package io.scoregate.gate.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scoregate.gate.http.BoundedExchange;
import io.scoregate.gate.http.HostileServer;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rollout's and rollback's HTTP calls against a target that streams an endless body, trickles one byte a
 * second, or never answers: each call fails within its deadline with one sentence naming the URL (the
 * commands turn that into exit 5), instead of growing to gigabytes or waiting for ever. Bounds are generous
 * for a loaded 2-core machine.
 */
class HostileTargetTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration LATEST = Duration.ofSeconds(15);

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("endless body", HostileServer.ENDLESS, "answer body exceeded"),
                Arguments.of("1 byte/s", HostileServer.TRICKLE, "no complete answer within 2 s"),
                Arguments.of("no answer", HostileServer.SILENT, "no complete answer within 2 s"));
    }

    @ParameterizedTest(name = "read of the routing table, {0}")
    @MethodSource("hostile")
    void shouldFailAReadOfTheRoutingTableInBoundedTime(String name, HostileServer.Behaviour behaviour, String said)
            throws Exception {
        try (var server = new HostileServer(behaviour)) {
            var admin = new HttpRoutingAdmin(Optional.of("token"), "test", TIMEOUT);
            long started = System.nanoTime();
            assertThatThrownBy(() -> admin.read(server.uri()))
                    .isInstanceOfSatisfying(RoutingAdmin.AdminException.class, e -> {
                        assertThat(e.getMessage()).startsWith(server.uri() + "/admin/routing: ").contains(said);
                        assertThat(e.httpStatus()).isZero();
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LATEST);
        }
    }

    @ParameterizedTest(name = "metrics scrape, {0}")
    @MethodSource("hostile")
    void shouldFailAMetricsScrapeInBoundedTime(String name, HostileServer.Behaviour behaviour, String said)
            throws Exception {
        try (var server = new HostileServer(behaviour)) {
            var admin = new HttpRoutingAdmin(Optional.of("token"), "test", TIMEOUT);
            long started = System.nanoTime();
            assertThatThrownBy(() -> admin.scrape(server.uri()))
                    .isInstanceOfSatisfying(RoutingAdmin.AdminException.class, e -> assertThat(e.getMessage())
                            .startsWith(server.uri() + "/q/metrics: ").contains(said));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LATEST);
            if (behaviour == HostileServer.ENDLESS) {
                // stopped at the cap, not at the deadline: the heap never held more than 8 MiB of it
                assertThatThrownBy(() -> admin.scrape(server.uri())).hasMessageEndingWith("answer body exceeded 8 MiB");
            }
        }
    }

    @ParameterizedTest(name = "webhook, {0}")
    @MethodSource("hostile")
    void shouldReportAWebhookThatMisbehavesWithoutHanging(String name, HostileServer.Behaviour behaviour, String said)
            throws Exception {
        try (var server = new HostileServer(behaviour)) {
            var hook = new WebhookNotifier(server.uri().resolve("/hooks/T000/SECRET"), 2, d -> { },
                    new BoundedExchange.Limits(TIMEOUT, 64 << 10));
            long started = System.nanoTime();
            String result = hook.send("rolled back");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LATEST.multipliedBy(2));
            assertThat(result).startsWith("webhook 127.0.0.1 was not notified after 2 attempts (last: ").contains(said)
                    .doesNotContain("SECRET");
            assertThat(server.requests()).isEqualTo(2);
        }
    }
}
