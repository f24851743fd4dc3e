package io.scoregate.gate.load;

import io.scoregate.contract.Headers;
import io.scoregate.gate.corpus.RequestBody;
import io.scoregate.gate.corpus.RequestCorpus;
import io.scoregate.gate.http.BoundedExchange;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The open-model send loop: one thread computes each request's intended send time from the
 * {@link ArrivalSchedule}, prepares the request, parks until that time and hands it to the client, whatever the
 * service is doing, so a stall shows in the latencies of every request due during it (no coordinated
 * omission). It stops early when most requests get no HTTP answer, and on an interrupt (SIGTERM) it cancels
 * what is in flight and throws. One instance per run.
 */
final class SendLoop {

    private static final long SPIN_THRESHOLD_NS = 50_000;

    private final LoadPlan plan;
    private final RequestCorpus corpus;
    private final BoundedExchange client;
    private final BoundedExchange.Limits limits;
    private final LongSupplier clock;
    private final Completions completions;
    private final ScheduleKeeping keeping;
    private final List<CompletableFuture<?>> inFlight = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final String requestIdPrefix;
    private boolean stoppedEarly;

    SendLoop(LoadPlan plan, RequestCorpus corpus, BoundedExchange client, LongSupplier clock, Completions completions,
             ScheduleKeeping keeping) {
        this.plan = plan;
        this.corpus = corpus;
        this.client = client;
        this.limits = new BoundedExchange.Limits(plan.requestTimeout(), HttpLoadRunner.ANSWER_BODY_CAP);
        this.clock = clock;
        this.completions = completions;
        this.keeping = keeping;
        this.requestIdPrefix = String.format("gate-%08x-", Long.hashCode(plan.seed() * 0x9E3779B97F4A7C15L));
    }

    long sent() {
        return sent.get();
    }

    /** Whether the loop stopped before the end of the schedule because most requests got no HTTP answer. */
    boolean stoppedEarly() {
        return stoppedEarly;
    }

    /**
     * Sends the whole schedule (or until most requests fail) and waits for what is in flight.
     *
     * @return the generator's clock at the start of the run ({@code t0})
     */
    long run() throws InterruptedException {
        var schedule = new InterleavedArmSchedule(plan.seed(), plan.baseline(), plan.candidate(), plan.endpoints());
        ArrivalSchedule arrivals = plan.arrivals();
        long warmup = arrivals.warmupCount();
        long total = warmup + plan.measuredCount();
        Instant wallStart = Instant.now();
        long t0 = clock.getAsLong();
        for (long i = 0; i < total; i++) {
            if (Thread.currentThread().isInterrupted()) {
                inFlight.forEach(f -> f.cancel(true));
                throw new InterruptedException("interrupted after sending " + i + " of " + total + " requests");
            }
            if (i % 16 == 0 && completions.mostlyTransportFailures()) {
                stoppedEarly = true;
                break;
            }
            // Everything but the send itself is prepared before waiting, so it costs no lag.
            long intendedNs = t0 + arrivals.offsetNanos(i);
            ArmSlot slot = schedule.next();
            RequestBody body = corpus.next();
            String requestId = requestIdPrefix + i;
            HttpRequest request = HttpRequest.newBuilder(plan.resolve(slot.endpoint()))
                    .timeout(plan.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header(ResponseClassifier.VERSION_HEADER, slot.version())
                    .header(Headers.REQUEST_ID, requestId)
                    .POST(HttpRequest.BodyPublishers.ofString(body.json()))
                    .build();
            waitUntil(intendedNs);
            long sendNs = clock.getAsLong();
            boolean measured = i >= warmup;
            if (measured) {
                keeping.sent(sendNs, Math.max(0, sendNs - intendedNs));
            }
            var s = new Completions.Sent((int) i, measured, intendedNs, wallStart.plusNanos(intendedNs - t0),
                    requestId, body, slot);
            inFlight.add(client.sendAsync(request, limits)
                    .whenComplete((response, error) -> completions.complete(s, clock.getAsLong(), response, error)));
            sent.incrementAndGet();
        }
        awaitInFlight();
        return t0;
    }

    /** Parks until the send time; returns early on an interrupt (the loop then stops). */
    private void waitUntil(long deadlineNs) {
        long remaining;
        while ((remaining = deadlineNs - clock.getAsLong()) > 0 && !Thread.currentThread().isInterrupted()) {
            if (remaining > SPIN_THRESHOLD_NS) {
                LockSupport.parkNanos(remaining - SPIN_THRESHOLD_NS);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private void awaitInFlight() throws InterruptedException {
        // Every exchange has a deadline for the whole of it, so all settle within it; the margin covers a
        // lagging send.
        long waitMs = plan.requestTimeout().toMillis() + 10_000;
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(waitMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // Each request's failure is already recorded by Completions; allOf only repeats one of them.
        } catch (TimeoutException e) {
            inFlight.forEach(f -> f.cancel(true));
        } catch (InterruptedException e) {
            inFlight.forEach(f -> f.cancel(true));
            throw e;
        }
    }
}
