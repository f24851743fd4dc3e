package io.scoregate.gate.load;

import io.scoregate.contract.Headers;
import io.scoregate.gate.accesslog.AccessLogRecord;
import io.scoregate.gate.accesslog.AccessLogWriter;
import io.scoregate.gate.accesslog.RequestStatus;
import io.scoregate.gate.corpus.JsonLinesRequestFile;
import io.scoregate.gate.corpus.RequestBody;
import io.scoregate.gate.corpus.RequestCorpus;
import io.scoregate.gate.corpus.SmeApplicationGenerator;
import io.scoregate.gate.http.BoundedExchange;
import io.scoregate.gate.http.ExchangeFailedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The open-model load generator: requests leave at a constant arrival rate whatever the service does,
 * request {@code i} at {@code t0 + i / rate}, and each latency is measured from that intended time. A
 * stalled service (or a stalled generator) therefore shows up in the latencies of every request that
 * should have been sent during the stall - no coordinated omission.
 *
 * <p>One scheduler thread computes send times, parks until each, and hands the request to
 * {@link HttpClient#sendAsync} (HTTP/1.1; the JDK client opens connections on demand and keeps idle ones,
 * so the pool grows to the concurrency the rate needs) through a {@link BoundedExchange}: the client timeout
 * bounds the whole exchange, body included, and at most {@link #ANSWER_BODY_CAP} of an answer is read (the
 * judge needs the status and the version header, never the body). Completions are classified by
 * {@link ResponseClassifier}; a request past the client timeout (counted from its intended time) is a
 * TIMEOUT recorded at the timeout value, a right-censored latency; an answer body over the cap is a
 * transport failure. An interrupt (SIGTERM) stops sending, cancels what is in flight and throws
 * {@link InterruptedException} without writing anything. The warm-up ramps up to the rate
 * ({@link ArrivalSchedule}), warms both JVMs and the connection pool, and is excluded.
 *
 * <p>Measured requests are written to {@code plan.accessLog()} in the service's access-log format (so
 * {@code judge} recomputes the same verdict offline); warm-up requests go to a sibling file
 * {@code <name>.warmup.jsonl}, so every request made is on disk without polluting the evidence, and the
 * schedule summary to {@code <name>.schedule.json} ({@link ScheduleReportWriter}).
 */
public final class HttpLoadRunner implements LoadRunner {

    /** More than this share of measured requests sent late means the generator, not the service, was measured. */
    static final double MAX_LATE_SEND_SHARE = 0.01;
    /** Stop early once this many requests completed and more than half of them got no HTTP answer. */
    static final int TRANSPORT_FAILURE_MIN_SAMPLE = 20;
    /** A scoring answer is a few hundred bytes; a body past this is a broken target, not a slow one. */
    public static final long ANSWER_BODY_CAP = 64 << 10;
    private static final long HIGHEST_TRACKABLE_US = TimeUnit.HOURS.toMicros(1);
    private static final long SPIN_THRESHOLD_NS = 50_000;

    private final Duration preflightTimeout;
    private final LongSupplier nanoClock;

    public HttpLoadRunner() {
        this(Duration.ofSeconds(5), System::nanoTime);
    }

    /** @param nanoClock a monotonic nanosecond clock; tests pass one that jumps to simulate a stalled generator */
    HttpLoadRunner(Duration preflightTimeout, LongSupplier nanoClock) {
        this.preflightTimeout = preflightTimeout;
        this.nanoClock = nanoClock;
    }

    @Override
    public LoadResult run(LoadPlan plan, ProgressListener progress)
            throws TargetUnreachableException, IOException, InterruptedException {
        return runDetailed(plan, progress).result();
    }

    /** Runs the plan and returns the result with the generator's own detail (histograms, schedule, mismatches). */
    public LoadRun runDetailed(LoadPlan plan, ProgressListener progress)
            throws TargetUnreachableException, IOException, InterruptedException {
        validate(plan);
        RequestCorpus corpus = plan.requestsFile().isPresent()
                ? JsonLinesRequestFile.corpus(plan.requestsFile().get())
                : new SmeApplicationGenerator(plan.seed());

        ExecutorService completions = Executors.newFixedThreadPool(4, daemon("scoregate-load-io"));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("scoregate-load-progress"));
        try {
            BoundedExchange client = new BoundedExchange(HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(plan.requestTimeout())
                    .executor(completions)
                    .build());
            preflight(client, plan.target());
            return new Execution(plan, corpus, client, progress, ticker, nanoClock).run();
        } finally {
            ticker.shutdownNow();
            completions.shutdownNow();
        }
    }

    static void validate(LoadPlan plan) {
        if (!(plan.ratePerSecond() >= 0.1 && plan.ratePerSecond() <= 100_000)) {
            throw new IllegalArgumentException(
                    "`rate` must be between 0.1 and 100000 per second, but was " + plan.ratePerSecond());
        }
        if (plan.endpoints().isEmpty()) {
            throw new IllegalArgumentException("`endpoints` must name at least one endpoint, but was empty");
        }
        for (String e : plan.endpoints()) {
            if (!e.startsWith("/")) {
                throw new IllegalArgumentException("`endpoints` must be paths starting with '/', but one was " + e);
            }
        }
        if (plan.duration().isEmpty() == plan.requests().isEmpty()) {
            throw new IllegalArgumentException("a load plan must be bounded by exactly one of duration or requests");
        }
        if (plan.requests().isPresent() && plan.requests().getAsLong() < 1) {
            throw new IllegalArgumentException("`requests` must be at least 1, but was " + plan.requests().getAsLong());
        }
        if (plan.duration().isPresent() && (plan.duration().get().isNegative() || plan.duration().get().isZero())) {
            throw new IllegalArgumentException("`duration` must be positive, but was " + plan.duration().get());
        }
        if (plan.warmup().isNegative()) {
            throw new IllegalArgumentException("`warmup` must not be negative, but was " + plan.warmup());
        }
        if (plan.requestTimeout().isNegative() || plan.requestTimeout().isZero()) {
            throw new IllegalArgumentException("`timeout` must be positive, but was " + plan.requestTimeout());
        }
        if (plan.baseline().isBlank() || plan.candidate().isBlank()) {
            throw new IllegalArgumentException("`baseline` and `candidate` must name versions");
        }
        if (plan.target().getScheme() == null || !plan.target().getScheme().startsWith("http")) {
            throw new IllegalArgumentException("`target` must be an http(s) URL, but was " + plan.target());
        }
    }

    /**
     * How late a send may leave before it counts against the generator: a quarter of the client timeout
     * (at least 100 ms). Lag is charged to each request's latency, so small lag is harmless; lag of this
     * size starts turning answers the service gave in time into client timeouts.
     */
    static Duration lateSendThreshold(LoadPlan plan) {
        Duration quarter = plan.requestTimeout().dividedBy(4);
        return quarter.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : quarter;
    }

    static long measuredCount(LoadPlan plan) {
        if (plan.requests().isPresent()) {
            return plan.requests().getAsLong();
        }
        return Math.max(1, Math.round(plan.duration().get().toNanos() / 1e9 * plan.ratePerSecond()));
    }

    static long warmupCount(LoadPlan plan) {
        return new ArrivalSchedule(plan.ratePerSecond(), plan.warmup()).warmupCount();
    }

    /** Any HTTP answer proves the target is there; no answer, or "not ready", means there is nothing to measure. */
    private void preflight(BoundedExchange client, URI target) throws TargetUnreachableException, InterruptedException {
        URI ready = resolve(target, "/q/health/ready");
        HttpRequest request = HttpRequest.newBuilder(ready).timeout(preflightTimeout).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, new BoundedExchange.Limits(preflightTimeout, ANSWER_BODY_CAP));
        } catch (ExchangeFailedException e) {
            String what = switch (e.failure()) {
                case DEADLINE -> "did not answer its readiness check " + ready + " within "
                        + preflightTimeout.toMillis() + " ms";
                case REFUSED -> "could not be reached (connection refused)";
                case BODY_TOO_LARGE, TRANSPORT -> "could not be reached (" + e.getMessage() + ")";
            };
            throw new TargetUnreachableException("The target " + target + " " + what + ".", e);
        }
        if (response.statusCode() == 503) {
            throw new TargetUnreachableException("The target " + target + " reports it is not ready (HTTP 503 from "
                    + ready + ").");
        }
    }

    static URI resolve(URI target, String path) {
        String base = target.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }

    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "connection refused";
            }
        }
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof CompletionException)) {
            t = t.getCause();
        }
        String name = t.getClass().getSimpleName();
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One run's mutable state; lives for a single {@link #runDetailed} call. */
    private static final class Execution {
        private final LoadPlan plan;
        private final RequestCorpus corpus;
        private final BoundedExchange client;
        private final BoundedExchange.Limits limits;
        private final ProgressListener progress;
        private final ScheduledExecutorService ticker;
        private final LongSupplier clock;
        private final long warmup;
        private final long measured;
        private final long total;
        private final double timeoutMs;
        private final AtomicReferenceArray<AccessLogRecord> records;
        private final List<CompletableFuture<?>> inFlight = new ArrayList<>();
        private final Histogram baselineUs = new ConcurrentHistogram(HIGHEST_TRACKABLE_US, 3);
        private final Histogram candidateUs = new ConcurrentHistogram(HIGHEST_TRACKABLE_US, 3);
        private final Histogram lagUs = new Histogram(HIGHEST_TRACKABLE_US, 3);
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong completed = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong transportFailures = new AtomicLong();
        private final AtomicLong measuredTransportFailures = new AtomicLong();
        private final AtomicLong mismatches = new AtomicLong();
        private final AtomicReference<String> lastTransportFailure = new AtomicReference<>("");
        private final String requestIdPrefix;

        Execution(LoadPlan plan, RequestCorpus corpus, BoundedExchange client, ProgressListener progress,
                  ScheduledExecutorService ticker, LongSupplier clock) {
            this.plan = plan;
            this.clock = clock;
            this.corpus = corpus;
            this.client = client;
            this.limits = new BoundedExchange.Limits(plan.requestTimeout(), ANSWER_BODY_CAP);
            this.progress = progress;
            this.ticker = ticker;
            this.warmup = warmupCount(plan);
            this.measured = measuredCount(plan);
            this.total = warmup + measured;
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a run may hold at most " + (Integer.MAX_VALUE - 8)
                        + " requests, but this plan needs " + total);
            }
            this.timeoutMs = plan.requestTimeout().toNanos() / 1e6;
            this.records = new AtomicReferenceArray<>((int) total);
            this.requestIdPrefix = String.format("gate-%08x-", Long.hashCode(plan.seed() * 0x9E3779B97F4A7C15L));
        }

        LoadRun run() throws TargetUnreachableException, IOException, InterruptedException {
            var schedule = new InterleavedArmSchedule(plan.seed(), plan.baseline(), plan.candidate(), plan.endpoints());
            ticker.scheduleAtFixedRate(this::report, 1, 1, TimeUnit.SECONDS);

            var arrivals = new ArrivalSchedule(plan.ratePerSecond(), plan.warmup());
            Instant wallStart = Instant.now();
            long t0 = clock.getAsLong();
            long firstMeasuredSend = 0;
            long lastSend = 0;
            long maxLagNs = 0;
            long lateSends = 0;
            long lateSendNs = lateSendThreshold(plan).toNanos();
            boolean aborted = false;
            for (long i = 0; i < total; i++) {
                if (Thread.currentThread().isInterrupted()) {
                    inFlight.forEach(f -> f.cancel(true));
                    throw new InterruptedException("interrupted after sending " + i + " of " + total + " requests");
                }
                if (i % 16 == 0 && mostlyTransportFailures()) {
                    aborted = true;
                    break;
                }
                // Everything but the send itself is prepared before waiting, so it costs no lag.
                long intendedNs = t0 + arrivals.offsetNanos(i);
                ArmSlot slot = schedule.next();
                RequestBody body = corpus.next();
                String requestId = requestIdPrefix + i;
                HttpRequest request = HttpRequest.newBuilder(resolve(plan.target(), slot.endpoint()))
                        .timeout(plan.requestTimeout())
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .header(ResponseClassifier.VERSION_HEADER, slot.version())
                        .header(Headers.REQUEST_ID, requestId)
                        .POST(HttpRequest.BodyPublishers.ofString(body.json()))
                        .build();
                waitUntil(intendedNs);
                long sendNs = clock.getAsLong();
                long lagNs = Math.max(0, sendNs - intendedNs);
                Instant intended = wallStart.plusNanos(intendedNs - t0);
                boolean isMeasured = i >= warmup;
                if (isMeasured) {
                    lagUs.recordValue(Math.min(HIGHEST_TRACKABLE_US, lagNs / 1_000));
                    if (lagNs > lateSendNs) {
                        lateSends++;
                    }
                    maxLagNs = Math.max(maxLagNs, lagNs);
                    if (i == warmup) {
                        firstMeasuredSend = sendNs;
                    }
                    lastSend = sendNs;
                }
                final int index = (int) i;
                inFlight.add(client.sendAsync(request, limits)
                        .whenComplete((response, error) -> complete(index, isMeasured, intendedNs, intended,
                                requestId, body, slot, response, error)));
                sent.incrementAndGet();
            }
            awaitInFlight();
            report();
            if (aborted || mostlyTransportFailures()) {
                throw new TargetUnreachableException("The target " + plan.target() + " failed during the run: "
                        + transportFailures.get() + " of " + completed.get()
                        + " completed requests got no HTTP answer (" + lastTransportFailure.get() + ").");
            }

            List<AccessLogRecord> measuredRecords = new ArrayList<>((int) measured);
            List<AccessLogRecord> warmupRecords = new ArrayList<>((int) warmup);
            for (int i = 0; i < total; i++) {
                AccessLogRecord r = records.get(i);
                if (r != null) {
                    (i < warmup ? warmupRecords : measuredRecords).add(r);
                }
            }
            if (plan.accessLog().isPresent()) {
                write(plan.accessLog().get(), measuredRecords);
                if (!warmupRecords.isEmpty()) {
                    write(warmupLogOf(plan.accessLog().get()), warmupRecords);
                }
            }
            long lastCompletionNs = clock.getAsLong();
            double sendSpanS = (lastSend - firstMeasuredSend) / 1e9;
            double achieved = measured < 2 || sendSpanS <= 0 ? plan.ratePerSecond() : (measured - 1) / sendSpanS;
            var adherence = new ScheduleAdherence(plan.ratePerSecond(), achieved,
                    Duration.ofNanos(lagUs.getValueAtPercentile(99.0) * 1_000), Duration.ofNanos(maxLagNs));
            var result = new LoadResult(measuredRecords, warmup, measured, measuredTransportFailures.get(),
                    Duration.ofNanos(maxLagNs), Duration.ofNanos(lastCompletionNs - (t0 + arrivals.measuredStartNanos())));
            var run = new LoadRun(result, baselineUs, candidateUs, mismatches.get(), adherence);
            if (plan.accessLog().isPresent()) {
                ScheduleReportWriter.write(ScheduleReportWriter.fileFor(plan.accessLog().get()), run);
            }
            // after the files are written, so the evidence of the overload is on disk
            if (lateSends > measured * MAX_LATE_SEND_SHARE) {
                throw new GeneratorOverloadedException("The load generator could not keep to its schedule: "
                        + lateSends + " of " + measured + " measured requests left more than "
                        + lateSendThreshold(plan).toMillis() + " ms after their intended time (worst "
                        + maxLagNs / 1_000_000 + " ms), so the run measured this machine, not " + plan.target()
                        + "; lower --rate or run compare on a less loaded machine.");
            }
            return run;
        }

        private boolean mostlyTransportFailures() {
            long done = completed.get();
            return done >= TRANSPORT_FAILURE_MIN_SAMPLE && transportFailures.get() * 2 > done;
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

        private void complete(int index, boolean isMeasured, long intendedNs, Instant intended, String requestId,
                              RequestBody body, ArmSlot slot, HttpResponse<byte[]> response, Throwable error) {
            double latencyMs = (clock.getAsLong() - intendedNs) / 1e6;
            RequestStatus status;
            int httpStatus = 0;
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (cause instanceof ExchangeFailedException f && f.failure() == ExchangeFailedException.Failure.DEADLINE) {
                    status = RequestStatus.TIMEOUT;
                    latencyMs = timeoutMs;
                } else {
                    status = RequestStatus.ERROR;
                    transportFailures.incrementAndGet();
                    if (isMeasured) {
                        measuredTransportFailures.incrementAndGet();
                    }
                    lastTransportFailure.set(cause instanceof ExchangeFailedException f ? f.what() : describe(cause));
                }
            } else {
                httpStatus = response.statusCode();
                var c = ResponseClassifier.classify(httpStatus,
                        response.headers().firstValue(ResponseClassifier.VERSION_HEADER), slot.version());
                status = c.status();
                if (c.versionMismatch() && isMeasured) {
                    mismatches.incrementAndGet();
                }
                if (latencyMs >= timeoutMs) {
                    // Answered, but later than the client would have waited: censored at the timeout.
                    status = RequestStatus.TIMEOUT;
                    latencyMs = timeoutMs;
                    httpStatus = 0;
                }
            }
            if (status == RequestStatus.TIMEOUT || status == RequestStatus.ERROR) {
                failed.incrementAndGet();
            }
            if (isMeasured && status == RequestStatus.OK) {
                Histogram h = slot.arm() == ArmSlot.Arm.BASELINE ? baselineUs : candidateUs;
                h.recordValue(Math.min(HIGHEST_TRACKABLE_US, Math.round(latencyMs * 1000)));
            }
            records.set(index, new AccessLogRecord(intended, requestId, body.lenderId(), slot.endpoint(),
                    slot.version(), latencyMs, status, httpStatus, java.util.Map.of(AccessLogRecord.ARM_FIELD,
                    slot.arm() == ArmSlot.Arm.BASELINE ? "baseline" : "candidate")));
            completed.incrementAndGet();
        }

        private void awaitInFlight() throws InterruptedException {
            // Every exchange has a deadline for the whole of it, so all settle within it; the margin covers a
            // lagging send.
            long waitMs = plan.requestTimeout().toMillis() + 10_000;
            try {
                CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(waitMs, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                // Each request's failure is already recorded by complete(); allOf only repeats one of them.
            } catch (TimeoutException e) {
                inFlight.forEach(f -> f.cancel(true));
            } catch (InterruptedException e) {
                inFlight.forEach(f -> f.cancel(true));
                throw e;
            }
        }

        private void report() {
            progress.onProgress(sent.get(), total, completed.get(), failed.get());
        }

        private static void write(Path file, List<AccessLogRecord> records) throws IOException {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
            try (AccessLogWriter writer = AccessLogWriter.create(file)) {
                for (AccessLogRecord r : records) {
                    writer.write(r);
                }
            }
        }
    }

    /** Where the warm-up requests of a run whose measured requests go to {@code accessLog} are written. */
    public static Path warmupLogOf(Path accessLog) {
        String name = accessLog.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return accessLog.resolveSibling(stem + ".warmup.jsonl");
    }
}
