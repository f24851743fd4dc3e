package io.scoregate.gate.rollout;

import io.scoregate.contract.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.scoregate.gate.judge.Judge;
import io.scoregate.gate.judge.Policy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RollbackProcedureTest {

    private static final Instant FRIDAY_1830 = Instant.parse("2026-11-27T15:30:00Z");

    private RollbackProcedure procedure(MutableClock clock, FakeFleet fleet, Notifier notifier) {
        return new RollbackProcedure(fleet, new LiveJudge(fleet, Judge.standard()), notifier, Policy.DEFAULT, clock,
                clock::advance);
    }

    private static RollbackProcedure.Plan plan(FakeFleet fleet, Optional<String> to) {
        return new RollbackProcedure.Plan(fleet.targets, to, "v1.3 timing out", Duration.ofSeconds(10),
                Duration.ofSeconds(60), 20);
    }

    @Test
    void theIncidentRunbookRoutesEverythingToV12AndConfirmsRecovery() throws Exception {
        var clock = new MutableClock(FRIDAY_1830);
        // the Friday: v1.3 is the stable version at 100% and it is slow
        var fleet = new FakeFleet(clock, 3, 20, "v1.3").behave("v1.3", 750, 0.2, 0.8).behave("v1.2", 100, 0.2, 0);
        List<String> said = new ArrayList<>();

        var outcome = procedure(clock, fleet, text -> {
            said.add(text);
            return "delivered";
        }).run(plan(fleet, Optional.of("v1.2")), step -> said.add(step.line()));

        assertThat(outcome.end()).as(String.join("\n", said)).isEqualTo(RollbackProcedure.End.RECOVERED);
        assertThat(fleet.stable).isEqualTo("v1.2");
        assertThat(fleet.weights).containsEntry("v1.2", 100).containsEntry("v1.3", 0);
        assertThat(outcome.steps()).extracting(RollbackProcedure.Step::name).containsExactly(
                "1. route 100% to v1.2", "2. verify propagation", "3. verify recovery", "4. notify");
        assertThat(outcome.steps().get(1).result()).isEqualTo("all 3 instances apply revision " + fleet.revision);
        assertThat(outcome.steps().get(2).result()).contains("requests on v1.2").contains("0.0% timeouts");
        assertThat(said).anyMatch(s -> s.startsWith("scoregate: Rolled back to v1.2"));
    }

    @Test
    void namesTheInstanceThatDidNotApplyTheRollback() throws Exception {
        var clock = new MutableClock(FRIDAY_1830);
        var fleet = new FakeFleet(clock, 3, 20, "v1.2");
        fleet.set("v1.2", Optional.of("v1.3"), Map.of("v1.2", 50, "v1.3", 50));
        fleet.laggards.add(fleet.targets.get(1));

        var outcome = procedure(clock, fleet, Notifier.NONE).run(plan(fleet, Optional.empty()), step -> { });

        assertThat(outcome.end()).isEqualTo(RollbackProcedure.End.NOT_PROPAGATED);
        assertThat(outcome.laggards()).extracting(Propagation.Laggard::instanceId).containsExactly("instance-1");
        assertThat(outcome.steps().get(1).result()).contains("1 of 3 instances did not apply revision")
                .contains("instance-1 (http://instance-1:8080) still applies revision");
    }

    @Test
    void saysRecoveryIsUnconfirmedWhenNoRequestArrives() throws Exception {
        var clock = new MutableClock(FRIDAY_1830);
        var fleet = new FakeFleet(clock, 1, 0, "v1.2");
        fleet.set("v1.2", Optional.of("v1.3"), Map.of("v1.2", 95, "v1.3", 5));

        var outcome = procedure(clock, fleet, Notifier.NONE).run(plan(fleet, Optional.empty()), step -> { });

        assertThat(outcome.end()).isEqualTo(RollbackProcedure.End.UNVERIFIED);
        assertThat(outcome.steps().get(2).result()).contains("no request reached v1.2 in 60 s");
    }

    @Test
    void failsClearlyWhenNoInstanceAnswers() throws Exception {
        var clock = new MutableClock(FRIDAY_1830);
        var fleet = new FakeFleet(clock, 2, 20, "v1.2");
        fleet.down.addAll(fleet.targets);

        var outcome = procedure(clock, fleet, Notifier.NONE).run(plan(fleet, Optional.empty()), step -> { });

        assertThat(outcome.end()).isEqualTo(RollbackProcedure.End.FAILED);
        assertThat(outcome.steps().get(0).result()).contains("no target answered").contains("refused the connection");
    }

    @Test
    void isIdempotentWhenTheTableIsAlreadyAllOnStable() throws Exception {
        var clock = new MutableClock(FRIDAY_1830);
        var fleet = new FakeFleet(clock, 2, 20, "v1.2");

        var outcome = procedure(clock, fleet, Notifier.NONE).run(plan(fleet, Optional.empty()), step -> { });

        assertThat(fleet.writes).isEmpty();
        assertThat(outcome.steps().get(0).result()).startsWith("already 100% on v1.2");
        assertThat(outcome.end()).isEqualTo(RollbackProcedure.End.RECOVERED);
    }

    @Test
    void retriesTheWebhookWithBackoffAndReportsDelivery() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> bodies = new CopyOnWriteArrayList<>();
        server.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            // the first delivery fails, as a flaky chat service would
            exchange.sendResponseHeaders(bodies.size() == 1 ? 503 : 200, -1);
            exchange.close();
        });
        server.start();
        try {
            var clock = new MutableClock(FRIDAY_1830);
            List<Duration> waits = new ArrayList<>();
            var notifier = new WebhookNotifier(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"),
                    4, waits::add);

            String result = notifier.send("rolled back \"v1.3\"");

            assertThat(result).contains("accepted the notification (HTTP 200, attempt 2)");
            assertThat(waits).containsExactly(Duration.ofMillis(500));
            assertThat(bodies.get(1)).isEqualTo("{\"text\":\"rolled back \\\"v1.3\\\"\"}");
        } finally {
            server.stop(0);
        }
    }
}
