package io.scoregate.gate.load;

import io.scoregate.gate.accesslog.AccessLogRecord;
import io.scoregate.contract.Outcome;
import io.scoregate.gate.corpus.RequestBody;
import io.scoregate.gate.http.ExchangeFailedException;
import io.scoregate.gate.http.PooledExchange;
import java.net.ConnectException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Turns every finished exchange of a run into its access-log record, and counts what only the generator knows.
 * An answer is labelled by {@link ResponseClassifier}; an answer later than the client timeout (counted from the
 * intended send time) and an exchange past its deadline are a TIMEOUT recorded at the timeout, a right-censored
 * latency; no HTTP answer at all (refused, reset, a body over the cap) is an ERROR and a transport failure.
 * Called from the HTTP client's completion threads; every counter is thread-safe.
 */
final class Completions {

    /** Stop early once this many requests completed and more than half of them got no HTTP answer. */
    static final int TRANSPORT_FAILURE_MIN_SAMPLE = 20;

    /** One request as sent: everything its record needs besides the answer. */
    record Sent(int index, boolean measured, long intendedNs, Instant intended, String requestId, RequestBody body,
                ArmSlot slot) {
    }

    private final long warmup;
    private final double timeoutMs;
    private final AtomicReferenceArray<AccessLogRecord> records;
    private final Histogram baselineUs = new ConcurrentHistogram(LoadRun.HIGHEST_TRACKABLE_US, 3);
    private final Histogram candidateUs = new ConcurrentHistogram(LoadRun.HIGHEST_TRACKABLE_US, 3);
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong transportFailures = new AtomicLong();
    private final AtomicLong measuredTransportFailures = new AtomicLong();
    private final AtomicLong mismatches = new AtomicLong();
    private final AtomicReference<String> lastTransportFailure = new AtomicReference<>("");

    Completions(LoadPlan plan) {
        this.warmup = plan.warmupCount();
        this.timeoutMs = plan.requestTimeout().toNanos() / 1e6;
        this.records = new AtomicReferenceArray<>((int) (warmup + plan.measuredCount()));
    }

    /** Records how {@code s} ended, {@code nowNs} on the generator's clock. */
    void complete(Sent s, long nowNs, PooledExchange.Answer response, Throwable error) {
        double latencyMs = (nowNs - s.intendedNs()) / 1e6;
        Outcome status;
        int httpStatus = 0;
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause instanceof ExchangeFailedException f && f.failure() == ExchangeFailedException.Failure.DEADLINE) {
                status = Outcome.TIMEOUT;
                latencyMs = timeoutMs;
            } else {
                status = Outcome.ERROR;
                transportFailures.incrementAndGet();
                if (s.measured()) {
                    measuredTransportFailures.incrementAndGet();
                }
                lastTransportFailure.set(cause instanceof ExchangeFailedException f ? f.what() : describe(cause));
            }
        } else {
            httpStatus = response.statusCode();
            var c = ResponseClassifier.classify(httpStatus,
                    response.header(ResponseClassifier.VERSION_HEADER), s.slot().version());
            status = c.status();
            if (c.versionMismatch() && s.measured()) {
                mismatches.incrementAndGet();
            }
            if (latencyMs >= timeoutMs) {
                // Answered, but later than the client would have waited: censored at the timeout.
                status = Outcome.TIMEOUT;
                latencyMs = timeoutMs;
                httpStatus = 0;
            }
        }
        if (status == Outcome.TIMEOUT || status == Outcome.ERROR) {
            failed.incrementAndGet();
        }
        ArmSlot slot = s.slot();
        if (s.measured() && status == Outcome.OK) {
            Histogram h = slot.arm() == ArmSlot.Arm.BASELINE ? baselineUs : candidateUs;
            h.recordValue(Math.min(LoadRun.HIGHEST_TRACKABLE_US, Math.round(latencyMs * 1000)));
        }
        records.set(s.index(), new AccessLogRecord(s.intended(), s.requestId(), s.body().lenderId(), slot.endpoint(),
                slot.version(), latencyMs, status, httpStatus, Map.of(AccessLogRecord.ARM_FIELD,
                slot.arm() == ArmSlot.Arm.BASELINE ? "baseline" : "candidate")));
        completed.incrementAndGet();
    }

    long completed() {
        return completed.get();
    }

    long failed() {
        return failed.get();
    }

    long measuredTransportFailures() {
        return measuredTransportFailures.get();
    }

    long versionMismatches() {
        return mismatches.get();
    }

    Histogram baselineUs() {
        return baselineUs;
    }

    Histogram candidateUs() {
        return candidateUs;
    }

    /** Enough requests completed, and more than half of them got no HTTP answer: the target is gone. */
    boolean mostlyTransportFailures() {
        long done = completed.get();
        return done >= TRANSPORT_FAILURE_MIN_SAMPLE && transportFailures.get() * 2 > done;
    }

    TargetUnreachableException failedDuringRun(LoadPlan plan) {
        return new TargetUnreachableException("The target " + plan.target() + " failed during the run: "
                + transportFailures.get() + " of " + completed.get() + " completed requests got no HTTP answer ("
                + lastTransportFailure.get() + ").");
    }

    /** The completed requests in send order: warm-up first, then measured. */
    List<AccessLogRecord> warmupRecords() {
        return slice(0, (int) warmup);
    }

    List<AccessLogRecord> measuredRecords() {
        return slice((int) warmup, records.length());
    }

    private List<AccessLogRecord> slice(int from, int to) {
        List<AccessLogRecord> out = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            AccessLogRecord r = records.get(i);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
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
}
