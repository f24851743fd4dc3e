package io.scoregate.gate.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scoregate.contract.Outcome;
import io.scoregate.gate.http.HostileServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The load generator against a target that streams endless bodies, trickles them, or never answers: the run
 * ends in bounded time, with exit-5 failures where the target is broken and censored timeouts where it is
 * only slow. Bounds are generous for a loaded 2-core machine.
 */
class HostileTargetLoadTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final HostileServer.Answer READY = new HostileServer.Answer(200, "application/json", "{\"status\":\"UP\"}");

    private static LoadPlan plan(URI target, long requests) {
        return new LoadPlan(target, "v1.2", "v1.3", List.of("/risk-score"), 50, Duration.ZERO, Optional.empty(),
                OptionalLong.of(requests), TIMEOUT, 7L, Optional.empty(), Optional.empty());
    }

    private static HostileServer readyThen(HostileServer.Behaviour scoring) throws Exception {
        return new HostileServer(path -> path.equals("/q/health/ready") ? READY : scoring);
    }

    @Test
    void shouldGiveUpOnATargetWhoseAnswersNeverEnd() throws Exception {
        try (var server = readyThen(HostileServer.ENDLESS)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> new HttpLoadRunner().run(plan(server.uri(), 200), LoadRunner.ProgressListener.NONE))
                    .isInstanceOf(TargetUnreachableException.class)
                    .hasMessageContaining("got no HTTP answer")
                    .hasMessageContaining("answer body exceeded 64 KiB");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void shouldCountAnswersTricklingPastTheTimeoutAsTimeoutsAndFinish() throws Exception {
        try (var server = readyThen(HostileServer.TRICKLE)) {
            long started = System.nanoTime();
            LoadResult result = new HttpLoadRunner().run(plan(server.uri(), 40), LoadRunner.ProgressListener.NONE);
            // 40 requests at 50/s leave within a second; each gives up 2 s later
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(result.records()).hasSize(40)
                    .allSatisfy(r -> {
                        assertThat(r.status()).isEqualTo(Outcome.TIMEOUT);
                        assertThat(r.latencyMs()).isEqualTo(2000.0);
                    });
        }
    }

    @Test
    void shouldCountRequestsThatAreNeverAnsweredAsTimeoutsAndFinish() throws Exception {
        try (var server = readyThen(HostileServer.SILENT)) {
            long started = System.nanoTime();
            LoadResult result = new HttpLoadRunner().run(plan(server.uri(), 40), LoadRunner.ProgressListener.NONE);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(result.records()).hasSize(40).allMatch(r -> r.status() == Outcome.TIMEOUT);
        }
    }

    @Test
    void shouldFailTheReadinessCheckOfAHostileTargetWithinItsDeadline() throws Exception {
        for (HostileServer.Behaviour b : List.of(HostileServer.ENDLESS, HostileServer.TRICKLE, HostileServer.SILENT)) {
            try (var server = new HostileServer(b)) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> new HttpLoadRunner(Duration.ofSeconds(2), System::nanoTime)
                        .run(plan(server.uri(), 10), LoadRunner.ProgressListener.NONE))
                        .as("%s", b)
                        .isInstanceOf(TargetUnreachableException.class)
                        .hasMessageStartingWith("The target " + server.uri())
                        .hasMessageContaining(b == HostileServer.ENDLESS ? "answer body exceeded 64 KiB"
                                : "did not answer its readiness check");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
                assertThat(server.requests()).as("no load after a failed readiness check").isEqualTo(1);
            }
        }
    }

    @Test
    void shouldStopSendingPromptlyWhenInterrupted() throws Exception {
        try (var server = readyThen(HostileServer.SILENT)) {
            var thrown = new AtomicReference<Throwable>();
            Thread runner = new Thread(() -> {
                try {
                    new HttpLoadRunner().run(plan(server.uri(), 100_000), LoadRunner.ProgressListener.NONE);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            runner.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (server.requests() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long interrupted = System.nanoTime();
            runner.interrupt();
            runner.join(10_000);
            assertThat(runner.isAlive()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - interrupted)).isLessThan(Duration.ofSeconds(5));
            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
            // requests the client had already handed to the network may still land; after they have, nothing new
            // is sent (a runner that kept sending would add a request every 10 ms at this rate)
            Thread.sleep(1000);
            int settled = server.requests();
            Thread.sleep(1000);
            assertThat(server.requests()).isEqualTo(settled);
        }
    }
}
