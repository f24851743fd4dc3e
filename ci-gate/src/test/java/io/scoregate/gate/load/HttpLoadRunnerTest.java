package io.scoregate.gate.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scoregate.gate.accesslog.AccessLogReader;
import io.scoregate.gate.accesslog.AccessLogRecord;
import io.scoregate.contract.Outcome;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpLoadRunnerTest {

    private static final List<String> BOTH = List.of("/risk-score", "/funding-approve");

    @TempDir
    Path tmp;

    private static LoadPlan plan(URI target, double rate, long requests, Duration warmup, Duration timeout,
                                 List<String> endpoints, Optional<Path> accessLog) {
        return new LoadPlan(target, "v1.2", "v1.3", endpoints, rate, warmup, Optional.empty(),
                OptionalLong.of(requests), timeout, 42L, Optional.empty(), accessLog);
    }

    @Test
    void shouldPinEachRequestToItsArmAndKeepTheArmsBalanced() throws Exception {
        try (var server = new FakeScoringServer(Executors.newFixedThreadPool(4), FakeScoringServer.ECHO)) {
            LoadResult result = new HttpLoadRunner().run(
                    plan(server.uri(), 400, 200, Duration.ZERO, Duration.ofSeconds(2), BOTH, Optional.empty()),
                    LoadRunner.ProgressListener.NONE);

            assertThat(result.records()).hasSize(200).allMatch(r -> r.status() == Outcome.OK);
            Map<String, FakeScoringServer.Received> byId = server.received().stream()
                    .collect(Collectors.toMap(FakeScoringServer.Received::requestId, Function.identity()));
            for (AccessLogRecord r : result.records()) {
                FakeScoringServer.Received got = byId.get(r.requestId());
                assertThat(got).as("request %s reached the server", r.requestId()).isNotNull();
                assertThat(got.pinnedVersion()).isEqualTo(r.modelVersion());
                assertThat(got.path()).isEqualTo(r.endpoint());
                assertThat(got.body()).contains("\"lenderId\":\"" + r.lenderId() + "\"");
            }
            // 200 is ten whole blocks of the balanced sequence: exactly half each, and each arm's
            // requests split evenly over both endpoints.
            Map<String, Long> perArmEndpoint = result.records().stream().collect(
                    Collectors.groupingBy(r -> r.modelVersion() + " " + r.endpoint(), Collectors.counting()));
            assertThat(perArmEndpoint).containsOnly(
                    Map.entry("v1.2 /risk-score", 50L), Map.entry("v1.2 /funding-approve", 50L),
                    Map.entry("v1.3 /risk-score", 50L), Map.entry("v1.3 /funding-approve", 50L));
            // interleaved, not one arm after the other
            long switches = 0;
            for (int i = 1; i < result.records().size(); i++) {
                if (!result.records().get(i).modelVersion().equals(result.records().get(i - 1).modelVersion())) {
                    switches++;
                }
            }
            assertThat(switches).isGreaterThan(50);
        }
    }

    @Test
    void shouldSendOnTheConstantArrivalSchedule() throws Exception {
        try (var server = new FakeScoringServer(Executors.newFixedThreadPool(4), FakeScoringServer.ECHO)) {
            LoadRun run = new HttpLoadRunner().runDetailed(
                    plan(server.uri(), 200, 300, Duration.ZERO, Duration.ofSeconds(2), BOTH, Optional.empty()),
                    LoadRunner.ProgressListener.NONE);

            List<AccessLogRecord> records = run.result().records();
            Instant first = records.get(0).timestamp();
            for (int i = 0; i < records.size(); i++) {
                // intended send times are exactly t0 + i / rate: 5 ms apart
                assertThat(Duration.between(first, records.get(i).timestamp()).toNanos())
                        .isCloseTo(i * 5_000_000L, within(1_000L));
            }
            // The server saw them arrive at that pace too: 300 requests over ~1.5 s, not in a burst.
            List<FakeScoringServer.Received> received = server.received();
            Duration span = Duration.between(received.get(0).at(), received.get(received.size() - 1).at());
            assertThat(span.toMillis()).isBetween(1_100L, 3_000L);
            // loose: on a busy shared CI machine the scheduler may be descheduled and catch up
            assertThat(run.schedule().achievedRatePerSecond()).isBetween(150.0, 260.0);
            assertThat(run.result().maxScheduleLag()).isEqualTo(run.schedule().maxLag());
            assertThat(run.baselineLatencyUs().getTotalCount() + run.candidateLatencyUs().getTotalCount())
                    .isEqualTo(300);
        }
    }

    @Test
    void shouldChargeAServerStallToEveryRequestScheduledDuringIt() throws Exception {
        // One handler thread: while it stalls, every request behind it waits, as behind a stalled model.
        var stallStart = new AtomicReference<Instant>();
        var stallEnd = new AtomicReference<Instant>();
        FakeScoringServer.Behaviour stallOnce = (request, exchange) -> {
            if (request.sequence() == 60) {
                stallStart.set(Instant.now());
                Thread.sleep(200);
                stallEnd.set(Instant.now());
            }
            return FakeScoringServer.ECHO.answer(request, exchange);
        };
        try (var server = new FakeScoringServer(Executors.newSingleThreadExecutor(), stallOnce)) {
            LoadResult result = new HttpLoadRunner().run(
                    plan(server.uri(), 200, 200, Duration.ZERO, Duration.ofSeconds(2), BOTH, Optional.empty()),
                    LoadRunner.ProgressListener.NONE);

            assertThat(stallEnd.get()).isNotNull();
            List<AccessLogRecord> duringStall = result.records().stream()
                    .filter(r -> r.timestamp().isAfter(stallStart.get().plusMillis(10))
                            && r.timestamp().isBefore(stallEnd.get().minusMillis(10)))
                    .toList();
            // ~36 requests were due while the server stalled; a closed-loop generator would have waited and
            // shown one slow request. Each of them must carry the rest of the stall in its latency.
            assertThat(duringStall).hasSizeGreaterThan(25);
            for (AccessLogRecord r : duringStall) {
                double remainingStallMs = Duration.between(r.timestamp(), stallEnd.get()).toNanos() / 1e6;
                assertThat(r.latencyMs()).as("latency of %s scheduled %.0f ms before the stall ended",
                        r.requestId(), remainingStallMs).isGreaterThanOrEqualTo(remainingStallMs - 3);
            }
        }
    }

    @Test
    void shouldRecordAnswersPastTheClientTimeoutAsTimeoutsAtTheTimeoutValue() throws Exception {
        FakeScoringServer.Behaviour slowCandidate = (request, exchange) -> {
            if ("v1.3".equals(request.pinnedVersion())) {
                Thread.sleep(5_000);
            }
            return FakeScoringServer.ECHO.answer(request, exchange);
        };
        try (var server = new FakeScoringServer(Executors.newCachedThreadPool(), slowCandidate)) {
            LoadResult result = new HttpLoadRunner().run(
                    plan(server.uri(), 100, 40, Duration.ZERO, Duration.ofMillis(1_000), BOTH, Optional.empty()),
                    LoadRunner.ProgressListener.NONE);

            assertThat(result.records()).filteredOn(r -> r.modelVersion().equals("v1.3")).hasSize(20)
                    .allSatisfy(r -> {
                        assertThat(r.status()).isEqualTo(Outcome.TIMEOUT);
                        assertThat(r.latencyMs()).isEqualTo(1_000.0);
                    });
            assertThat(result.records()).filteredOn(r -> r.modelVersion().equals("v1.2")).hasSize(20)
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo(Outcome.OK));
            assertThat(result.transportFailures()).isZero();
        }
    }

    @Test
    void shouldLabelAnswersTheWayTheServiceLogsThem() throws Exception {
        FakeScoringServer.Behaviour byPath = (request, exchange) -> switch (request.path()) {
            case "/deadline" -> 504;
            case "/broken" -> 500;
            case "/bad-request" -> 400;
            default -> {
                exchange.getResponseHeaders().add("X-Model-Version", "v9.9");
                yield 200;
            }
        };
        try (var server = new FakeScoringServer(Executors.newFixedThreadPool(2), byPath)) {
            LoadRun run = new HttpLoadRunner().runDetailed(
                    plan(server.uri(), 200, 80, Duration.ZERO, Duration.ofSeconds(2),
                            List.of("/deadline", "/broken", "/bad-request", "/wrong-version"), Optional.empty()),
                    LoadRunner.ProgressListener.NONE);

            Map<String, List<AccessLogRecord>> byEndpoint = run.result().records().stream()
                    .collect(Collectors.groupingBy(AccessLogRecord::endpoint));
            assertThat(byEndpoint.get("/deadline")).hasSize(20)
                    .allMatch(r -> r.status() == Outcome.TIMEOUT && r.httpStatus() == 504);
            assertThat(byEndpoint.get("/broken")).hasSize(20)
                    .allMatch(r -> r.status() == Outcome.ERROR && r.httpStatus() == 500);
            assertThat(byEndpoint.get("/bad-request")).hasSize(20)
                    .allMatch(r -> r.status() == Outcome.REJECTED && r.httpStatus() == 400);
            assertThat(byEndpoint.get("/wrong-version")).hasSize(20)
                    .allMatch(r -> r.status() == Outcome.ERROR && r.httpStatus() == 200);
            assertThat(run.versionMismatches()).isEqualTo(20);
            assertThat(run.baselineLatencyUs().getTotalCount()).isZero();
        }
    }

    @Test
    void shouldReportARefusedConnectionBeforeSendingLoad() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LoadPlan plan = plan(URI.create("http://127.0.0.1:" + port), 100, 10, Duration.ZERO, Duration.ofSeconds(1),
                BOTH, Optional.empty());

        assertThatThrownBy(() -> new HttpLoadRunner().run(plan, LoadRunner.ProgressListener.NONE))
                .isInstanceOf(TargetUnreachableException.class)
                .hasMessageContaining("could not be reached (connection refused)");
    }

    @Test
    void shouldRefuseToMeasureATargetThatSaysItIsNotReady() {
        try (var server = new FakeScoringServer(Executors.newFixedThreadPool(2), FakeScoringServer.ECHO)) {
            server.readyStatus(503);
            assertThatThrownBy(() -> new HttpLoadRunner().run(
                    plan(server.uri(), 100, 10, Duration.ZERO, Duration.ofSeconds(1), BOTH, Optional.empty()),
                    LoadRunner.ProgressListener.NONE))
                    .isInstanceOf(TargetUnreachableException.class)
                    .hasMessageContaining("not ready");
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void shouldGiveUpWhenTheTargetDiesDuringTheRun() {
        var stopped = new AtomicBoolean();
        var holder = new AtomicReference<FakeScoringServer>();
        FakeScoringServer.Behaviour dieAfter30 = (request, exchange) -> {
            if (request.sequence() == 30 && stopped.compareAndSet(false, true)) {
                // stop from another thread: the server waits for this very exchange otherwise
                new Thread(() -> holder.get().stop()).start();
            }
            return FakeScoringServer.ECHO.answer(request, exchange);
        };
        try (var server = new FakeScoringServer(Executors.newFixedThreadPool(2), dieAfter30)) {
            holder.set(server);
            assertThatThrownBy(() -> new HttpLoadRunner().run(
                    plan(server.uri(), 200, 2_000, Duration.ZERO, Duration.ofSeconds(1), BOTH, Optional.empty()),
                    LoadRunner.ProgressListener.NONE))
                    .isInstanceOf(TargetUnreachableException.class)
                    .hasMessageContaining("failed during the run");
            // it stopped early instead of hammering a dead target for the full 10 s
            assertThat(server.received().size()).isLessThan(200);
        }
    }

    @Test
    void shouldExcludeTheWarmupAndWriteEveryRequestToTheAccessLog() throws Exception {
        Path log = tmp.resolve("report/load-access.jsonl");
        var calls = new AtomicLong();
        var last = new AtomicReference<long[]>();
        LoadRunner.ProgressListener progress = (sent, planned, completed, failed) -> {
            calls.incrementAndGet();
            last.set(new long[] {sent, planned, completed, failed});
        };
        try (var server = new FakeScoringServer(Executors.newFixedThreadPool(4), FakeScoringServer.ECHO)) {
            LoadResult result = new HttpLoadRunner().run(
                    plan(server.uri(), 200, 60, Duration.ofMillis(100), Duration.ofSeconds(2), BOTH,
                            Optional.of(log)), progress);

            // the warm-up ramps from 20 to 200 per second over 0.1 s: 11 requests
            assertThat(result.warmupRequests()).isEqualTo(11);
            assertThat(result.plannedRequests()).isEqualTo(60);
            assertThat(result.records()).hasSize(60);
            assertThat(server.received()).hasSize(71);
            // before the schedule, a second's worth of the rate (200) primed the client, and none is recorded
            assertThat(server.primed()).isBetween(1, 200);

            List<AccessLogRecord> written = new ArrayList<>();
            var summary = AccessLogReader.read(log, written::add);
            assertThat(summary.malformed()).isZero();
            assertThat(written).extracting(AccessLogRecord::requestId)
                    .containsExactlyElementsOf(result.records().stream().map(AccessLogRecord::requestId).toList());
            List<AccessLogRecord> warm = new ArrayList<>();
            AccessLogReader.read(RunFiles.warmupLogOf(log), warm::add);
            assertThat(warm).hasSize(11);
            assertThat(warm.get(10).timestamp()).isBefore(written.get(0).timestamp());
            assertThat(Files.readAllLines(log).get(0)).startsWith("{\"timestamp\":\"").contains("\"lenderId\":\"lender-ke-0");

            String schedule = Files.readString(tmp.resolve("report/load-access.schedule.json"));
            assertThat(schedule).contains("\"plannedRatePerSecond\" : 200.0", "\"measuredRequests\" : 60",
                    "\"warmupRequests\" : 11", "\"versionMismatches\" : 0");

            assertThat(calls.get()).isGreaterThanOrEqualTo(1);
            assertThat(last.get()).containsExactly(71, 71, 71, 0);
        }
    }

    @Test
    void shouldRefuseAVerdictWhenTheGeneratorItselfFellBehind() throws Exception {
        // The generator's clock jumps 600 ms once, 0.3 s into the run, as if its thread had been descheduled:
        // the requests due in that gap leave up to 600 ms late, past the 500 ms allowed with a 2 s timeout.
        // (counted from the clock's first reading, the start of the schedule: the priming burst before it
        // keeps its own time)
        var start = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
        long jumpAfter = 300_000_000L;
        LongSupplier stalledClock = () -> {
            long now = System.nanoTime();
            start.compareAndSet(Long.MIN_VALUE, now);
            return now - start.get() > jumpAfter ? now + 600_000_000L : now;
        };
        Path log = tmp.resolve("overloaded/requests.jsonl");
        try (var server = new FakeScoringServer(Executors.newFixedThreadPool(4), FakeScoringServer.ECHO)) {
            assertThatThrownBy(() -> new HttpLoadRunner(Duration.ofSeconds(5), stalledClock).run(
                    plan(server.uri(), 200, 200, Duration.ZERO, Duration.ofSeconds(2), BOTH, Optional.of(log)),
                    LoadRunner.ProgressListener.NONE))
                    .isInstanceOf(GeneratorOverloadedException.class)
                    .isInstanceOf(TargetUnreachableException.class)
                    .hasMessageContaining("could not keep to its schedule")
                    .hasMessageContaining("more than 500 ms after their intended time");
            // the evidence is still on disk
            assertThat(log).exists();
            // the worst send left up to 600 ms late (less the gap to the request before the jump, 5 ms at 200/s)
            double maxLagMs = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(RunFiles.scheduleOf(log).toFile()).path("maxLagMs").asDouble();
            assertThat(maxLagMs).isBetween(500.0, 700.0);
        }
    }

    @Test
    void shouldAllowALateSendOfAQuarterOfTheTimeoutAtLeast100Ms() {
        assertThat(ScheduleKeeping.lateSendThreshold(plan(URI.create("http://x"), 1, 2, Duration.ZERO,
                Duration.ofSeconds(2), BOTH, Optional.empty()))).isEqualTo(Duration.ofMillis(500));
        assertThat(ScheduleKeeping.lateSendThreshold(plan(URI.create("http://x"), 1, 2, Duration.ZERO,
                Duration.ofMillis(200), BOTH, Optional.empty()))).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void shouldRefuseAPlanOutsideItsBoundsWhenItIsMade() {
        assertThatThrownBy(() -> new LoadPlan(URI.create("http://127.0.0.1:1"), "a", "b", BOTH, 0.5, Duration.ZERO,
                Optional.empty(), OptionalLong.of(10), Duration.ofSeconds(1), 1, Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`--rate` must be between 1 and 100000, but was 0.5");
        assertThatThrownBy(() -> new LoadPlan(URI.create("http://127.0.0.1:1"), "a", "b", BOTH, 50, Duration.ZERO,
                Optional.empty(), OptionalLong.empty(), Duration.ofSeconds(1), 1, Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A run needs `--duration` or `--requests` to end.");
        assertThatThrownBy(() -> new LoadPlan(URI.create("http://127.0.0.1:1"), "a", "b", BOTH, 50, Duration.ZERO,
                Optional.empty(), OptionalLong.of(10), Duration.ofMinutes(2), 1, Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`--timeout` must be between 1ms and 1m, but was 2m");
        // 24 h at 100,000/s needs more slots than one array holds: refused as input, not an internal error later
        assertThatThrownBy(() -> new LoadPlan(URI.create("http://127.0.0.1:1"), "a", "b", BOTH, 100_000,
                Duration.ZERO, Optional.of(Duration.ofHours(24)), OptionalLong.empty(), Duration.ofSeconds(1), 1,
                Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("A run may hold at most 2147483639 requests, but this one needs 8640000000");
    }

    @Test
    void shouldCountADurationBoundInRequestsAtTheRate() {
        var plan = new LoadPlan(URI.create("http://127.0.0.1:1"), "a", "b", BOTH, 50, Duration.ofSeconds(2),
                Optional.of(Duration.ofSeconds(30)), OptionalLong.empty(), Duration.ofSeconds(1), 1,
                Optional.empty(), Optional.empty());
        assertThat(plan.measuredCount()).isEqualTo(1_500);
        assertThat(plan.warmupCount()).isEqualTo(55); // 2 s ramping from 5 to 50 per second
    }
}
