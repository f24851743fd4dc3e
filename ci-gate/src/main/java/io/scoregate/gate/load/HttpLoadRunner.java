package io.scoregate.gate.load;

import io.scoregate.gate.corpus.JsonLinesRequestFile;
import io.scoregate.gate.corpus.RequestCorpus;
import io.scoregate.gate.corpus.SmeApplicationGenerator;
import io.scoregate.gate.http.BoundedExchange;
import io.scoregate.gate.http.PooledExchange;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The open-model load generator, put together: a {@link ReadinessProbe} first, then the {@link SendLoop} (requests
 * leave at the plan's arrival rate whatever the service does; latency from each request's intended send time),
 * {@link Completions} to label each answer, {@link ScheduleKeeping} to judge the generator itself, and
 * {@link RunFiles} for what is left on disk. The requests go through a {@link PooledExchange} (Vert.x's HTTP/1.1
 * client, at most {@link #MAX_CONNECTIONS} keep-alive connections), whose deadline bounds the whole exchange and
 * which reads at most {@link #ANSWER_BODY_CAP} of an answer. An interrupt
 * (SIGTERM) stops sending, cancels what is in flight and throws {@link InterruptedException} without writing
 * anything.
 */
public final class HttpLoadRunner implements LoadRunner {

    /** A scoring answer is a few hundred bytes; a body past this is a broken target, not a slow one. */
    public static final long ANSWER_BODY_CAP = 64 << 10;

    /**
     * The connection pool's bound. A request beyond it waits for a free connection, and the wait is in its
     * latency (counted from the intended send time), as a client with a bounded pool sees it. 256 is several
     * times what the highest rate measured here needs (rate x latency: 16,000/s x 2 ms = 32), and it keeps a
     * stalled target (the Friday's 10 s answers) from costing thousands of sockets.
     */
    static final int MAX_CONNECTIONS = 256;

    /** The client's event loops: half the cores (at most 4); on a staging box the other half serve the target. */
    static final int EVENT_LOOPS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));

    private final ReadinessProbe probe;
    private final LongSupplier nanoClock;

    public HttpLoadRunner() {
        this(Duration.ofSeconds(5), System::nanoTime);
    }

    /** @param nanoClock a monotonic nanosecond clock; tests pass one that jumps to simulate a stalled generator */
    HttpLoadRunner(Duration preflightTimeout, LongSupplier nanoClock) {
        this.probe = new ReadinessProbe(preflightTimeout);
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
        RequestCorpus corpus = corpus(plan, plan.seed());
        BoundedExchange probeClient = new BoundedExchange(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(plan.requestTimeout())
                .build());
        probe.check(probeClient, plan);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("scoregate-load-progress"));
        try (var client = new PooledExchange(MAX_CONNECTIONS, EVENT_LOOPS, plan.requestTimeout())) {
            // on its own clock: the injected one times the schedule only
            ClientPriming.prime(client, plan, priming(plan), System::nanoTime);
            return execute(plan, corpus, client, progress, ticker);
        } finally {
            ticker.shutdownNow();
        }
    }

    private LoadRun execute(LoadPlan plan, RequestCorpus corpus, PooledExchange client, ProgressListener progress,
                            ScheduledExecutorService ticker)
            throws TargetUnreachableException, IOException, InterruptedException {
        long measured = plan.measuredCount();
        long total = plan.warmupCount() + measured;
        var completions = new Completions(plan);
        var keeping = new ScheduleKeeping(plan);
        var loop = new SendLoop(plan, corpus, client, nanoClock, completions, keeping);
        Runnable report = () -> progress.onProgress(loop.sent(), total, completions.completed(), completions.failed());
        ticker.scheduleAtFixedRate(report, 1, 1, TimeUnit.SECONDS);

        long t0 = loop.run();
        report.run();
        if (loop.stoppedEarly() || completions.mostlyTransportFailures()) {
            throw completions.failedDuringRun(plan);
        }
        long lastCompletionNs = nanoClock.getAsLong();
        var result = new LoadResult(completions.measuredRecords(), plan.warmupCount(), measured,
                completions.measuredTransportFailures(), keeping.maxLag(),
                Duration.ofNanos(lastCompletionNs - (t0 + plan.arrivals().measuredStartNanos())));
        var run = new LoadRun(result, completions.baselineUs(), completions.candidateUs(),
                completions.versionMismatches(), keeping.adherence(measured));
        if (plan.accessLog().isPresent()) {
            RunFiles.write(plan.accessLog().get(), completions.warmupRecords(), run);
        }
        // after the files are written, so the evidence of the overload is on disk
        keeping.checkNotOverloaded(measured);
        return run;
    }

    private static RequestCorpus corpus(LoadPlan plan, long seed) throws IOException {
        return plan.requestsFile().isPresent()
                ? JsonLinesRequestFile.corpus(plan.requestsFile().get())
                : new SmeApplicationGenerator(seed);
    }

    /** The priming burst's bodies: its own stream, so the run's requests are the same with or without it. */
    private static RequestCorpus priming(LoadPlan plan) throws IOException {
        return corpus(plan, ~plan.seed());
    }

    private static ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
