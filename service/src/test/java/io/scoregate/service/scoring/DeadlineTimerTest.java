package io.scoregate.service.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.scoregate.service.model.ModelRegistry;
import io.scoregate.service.model.ScoringModel;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A drilled call raced against a deadline with less than a millisecond left: Vert.x refuses a timer under 1 ms, so
 * before the fix such a call failed with "Cannot schedule a timer with delay < 1 ms" and its request was answered
 * 500 instead of 504. Inside Quarkus, where Mutiny's timers are Vert.x timers.
 */
@QuarkusTest
class DeadlineTimerTest {

    @Inject
    ScoringService scoring;

    @Inject
    ModelRegistry models;

    @Inject
    io.vertx.core.Vertx vertx;

    @Test
    void shouldEndACallWithLessThanAMillisecondLeftAsADeadlineNotAFailure() {
        ScoringModel timesOut = models.find("drill-timeout").orElseThrow(); // never answers by itself
        long deadline = scoring.deadline().toNanos();
        int deadlineEnds = 0;
        // arrivals from 0.95 ms to 0.05 ms before the deadline; a call that has passed it already throws at once
        for (long leftMicros = 950; leftMicros > 0; leftMicros -= 50) {
            long left = leftMicros;
            var ended = new java.util.concurrent.CompletableFuture<Throwable>();
            // on an event loop, as the scoring pipeline calls it: there Mutiny's timers are Vert.x timers
            vertx.getOrCreateContext().runOnContext(ignored -> {
                long arrival = System.nanoTime() - deadline + left * 1_000;
                try {
                    var later = (ScoringService.Scored.Later) scoring.score(timesOut, ScoringServiceTest.APPLICATION,
                            arrival);
                    later.score().subscribe().with(item -> ended.complete(null), ended::complete);
                } catch (RuntimeException e) {
                    ended.complete(e);
                }
            });
            Throwable failure = ended.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
            assertThat(failure).as("%d us left", leftMicros).isInstanceOf(DeadlineExceededException.class);
            deadlineEnds++;
        }
        assertThat(deadlineEnds).isEqualTo(19);
    }
}
