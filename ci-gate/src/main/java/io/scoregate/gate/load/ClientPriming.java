package io.scoregate.gate.load;

import io.scoregate.gate.corpus.RequestCorpus;
import io.scoregate.gate.http.PooledExchange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A short closed-loop burst before the schedule starts, so that the first scheduled requests meet a generator whose
 * HTTP path is compiled and whose connections are open. Without it a cold generator on a busy 2-core machine
 * handled about a thousand requests a second while the JIT compiler caught up: at 2,000 req/s the requests waited
 * over a second inside the generator before the service (answering in 0.1 ms) saw them, and past the timeout every
 * deadline reset a connection, each new connection took the cold path again, and a run ended with 1 of 10,000
 * requests answered in time. Nothing of the burst is recorded; it is one second's worth of the plan's requests (at
 * most {@link #MAX_REQUESTS}), alternating the two versions, {@link #CONCURRENCY} at a time, and it stops at
 * {@link #BUDGET} whatever the target does, waiting at most the plan's timeout for what is still in flight.
 */
final class ClientPriming {

    /** A priming request's id starts with this, so that the target's access log tells it from the run's. */
    static final String REQUEST_ID_PREFIX = "gate-priming-";
    static final int MAX_REQUESTS = 3_000;
    static final int CONCURRENCY = 16;
    static final Duration BUDGET = Duration.ofSeconds(2);

    private ClientPriming() {
    }

    static void prime(PooledExchange client, LoadPlan plan, RequestCorpus corpus, LongSupplier clock)
            throws InterruptedException {
        int count = (int) Math.min(MAX_REQUESTS, Math.round(plan.ratePerSecond()));
        var limits = SendLoop.limits(plan);
        var permits = new Semaphore(CONCURRENCY);
        List<CompletableFuture<?>> inFlight = new ArrayList<>(count);
        long endNs = clock.getAsLong() + BUDGET.toNanos();
        int sent = 0;
        try {
            while (sent < count && clock.getAsLong() - endNs < 0) {
                if (!permits.tryAcquire(Math.max(1, endNs - clock.getAsLong()), TimeUnit.NANOSECONDS)) {
                    break;
                }
                boolean baseline = sent % 2 == 0;
                String version = baseline ? plan.baseline() : plan.candidate();
                String endpoint = plan.endpoints().get((sent / 2) % plan.endpoints().size());
                var batch = client.batch();
                var answer = batch.post(plan.resolve(endpoint), SendLoop.headers(version, REQUEST_ID_PREFIX + sent),
                        corpus.next().json(), limits);
                batch.flush();
                inFlight.add(answer);
                answer.whenComplete((ok, error) -> permits.release());
                sent++;
            }
            // every exchange ends by its deadline; what is open past it is cancelled below
            permits.tryAcquire(CONCURRENCY, plan.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            inFlight.forEach(f -> f.cancel(true));
        }
    }
}
