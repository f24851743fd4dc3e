package io.scoregate.gate.load;

import io.scoregate.contract.Headers;
import io.scoregate.gate.corpus.RequestBody;
import io.scoregate.gate.corpus.RequestCorpus;
import io.scoregate.gate.http.BoundedExchange;
import io.scoregate.gate.http.PooledExchange;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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

    /**
     * The send thread wakes at most this often; requests due closer together leave together, in one hand-off to
     * the HTTP client. Waking and handing off once per request, on this 2-core virtual machine at 5,000 req/s, cost
     * the send thread about 35 us of CPU per request and the event loop a wake-up each (jstack per-thread CPU over
     * 5 s), CPU the service being measured did not get. A request held back is late by at most this much plus the machine's scheduling, and
     * that lag is in its latency (measured from the intended time) and in the schedule report.
     */
    static final long MIN_WAKE_GAP_NS = 200_000;

    /** After a stall, due requests leave in hand-offs of at most this many, so the event loop keeps answering. */
    static final int MAX_BATCH = 64;

    private final LoadPlan plan;
    private final RequestCorpus corpus;
    private final PooledExchange client;
    private final BoundedExchange.Limits limits;
    private final LongSupplier clock;
    private final Completions completions;
    private final ScheduleKeeping keeping;
    /**
     * The exchanges not yet recorded, each with the future that completes once its record is in (what the end of
     * the run waits for); the exchange itself is what a cancel ends. A run keeps no future once its record is in
     * (GC cost at 10k req/s).
     */
    private final Map<CompletableFuture<?>, CompletableFuture<?>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final String requestIdPrefix;
    private final Map<String, URI> urls = new HashMap<>();
    private boolean stoppedEarly;

    SendLoop(LoadPlan plan, RequestCorpus corpus, PooledExchange client, LongSupplier clock, Completions completions,
             ScheduleKeeping keeping) {
        this.plan = plan;
        this.corpus = corpus;
        this.client = client;
        this.limits = limits(plan);
        this.clock = clock;
        this.completions = completions;
        this.keeping = keeping;
        plan.endpoints().forEach(e -> urls.put(e, plan.resolve(e)));
        this.requestIdPrefix = String.format("gate-%08x-", Long.hashCode(plan.seed() * 0x9E3779B97F4A7C15L));
    }

    /** The headers of every request the generator sends, pinned to {@code version}. */
    static Map<String, String> headers(String version, String requestId) {
        return Map.of("Content-Type", "application/json", "Accept", "application/json",
                ResponseClassifier.VERSION_HEADER, version, Headers.REQUEST_ID, requestId);
    }

    /** The bounds of every scoring exchange of a run: the plan's timeout, and the answer cap. */
    static BoundedExchange.Limits limits(LoadPlan plan) {
        return new BoundedExchange.Limits(plan.requestTimeout(), HttpLoadRunner.ANSWER_BODY_CAP);
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
        PooledExchange.Batch batch = client.batch();
        long lastWakeNs = t0 - MIN_WAKE_GAP_NS;
        for (long i = 0; i < total; i++) {
            if (Thread.currentThread().isInterrupted()) {
                batch.flush();
                inFlight.keySet().forEach(f -> f.cancel(true));
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
            URI uri = urls.get(slot.endpoint());
            Map<String, String> headers = headers(slot.version(), requestId);
            if (batch.size() >= MAX_BATCH) {
                batch.flush();
            }
            if (intendedNs - clock.getAsLong() > 0) {
                batch.flush();
                waitUntil(Math.max(intendedNs, lastWakeNs + MIN_WAKE_GAP_NS));
                lastWakeNs = clock.getAsLong();
            }
            long sendNs = clock.getAsLong();
            boolean measured = i >= warmup;
            if (measured) {
                keeping.sent(sendNs, Math.max(0, sendNs - intendedNs));
            }
            var s = new Completions.Sent((int) i, measured, intendedNs, wallStart.plusNanos(intendedNs - t0),
                    requestId, body, slot);
            var answer = batch.post(uri, headers, body.json(), limits);
            inFlight.put(answer, answer.whenComplete((response, error) -> {
                completions.complete(s, clock.getAsLong(), response, error);
                inFlight.remove(answer);
            }));
            sent.incrementAndGet();
        }
        batch.flush();
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
            CompletableFuture.allOf(inFlight.values().toArray(CompletableFuture[]::new)).get(waitMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // Each request's failure is already recorded by Completions; allOf only repeats one of them.
        } catch (TimeoutException e) {
            inFlight.keySet().forEach(f -> f.cancel(true));
        } catch (InterruptedException e) {
            inFlight.keySet().forEach(f -> f.cancel(true));
            throw e;
        }
    }
}
