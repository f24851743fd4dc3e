package io.scoregate.service.accesslog;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.scoregate.service.config.AccessLogConfig;
import io.scoregate.service.config.DataDir;
import io.scoregate.service.metrics.AccessLogDropReason;
import io.scoregate.service.metrics.ScoringMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * Writes access-log lines off the request path: requests only offer a line to a bounded queue (never
 * blocking; a full queue drops the line and counts it), and one daemon thread drains the queue in batches,
 * writing each batch as whole lines in one write ({@link AccessLogFile}). Lines are appended to the file, so
 * a restart continues it.
 * <p>
 * Every line that does not reach the file is counted in scoregate_access_log_dropped_total (reason
 * queue_full or write_failed), so lines written + lines dropped = requests recorded. While writes fail the
 * writer reports the failure ({@link #status()}), logs it at most once per
 * {@code scoregate.access-log.error-log-interval}, and pauses {@link #RETRY_PAUSE_NANOS} between attempts;
 * the first write that succeeds again clears it.
 * <p>
 * The writer polls the queue every {@link #IDLE_PARK_NANOS} instead of blocking on it: a thread blocked in
 * {@code poll} must be woken by every {@code offer}, a futex call and a context switch per request, which
 * under load cost more than the whole line. A line therefore reaches the file at most about 20 ms (plus the
 * write) after the request ends.
 */
@Startup
@ApplicationScoped
public class AccessLogWriter {

    private static final Logger LOG = Logger.getLogger(AccessLogWriter.class);
    private static final int BATCH = 512;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** After a failed write: retrying a full disk 50 times a second only burns CPU; lines queue meanwhile. */
    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final BlockingQueue<AccessLogLine> queue;
    private final Path path;
    private final boolean stdout;
    private final ScoringMetrics metrics;
    private final RateLimitedLog errorLog;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long written;
    private volatile long dropped;
    private volatile Optional<String> failure = Optional.empty();

    @Inject
    public AccessLogWriter(AccessLogConfig config, DataDir dataDir, ScoringMetrics metrics, Clock clock) {
        this(config, dataDir.path(), metrics, clock);
    }

    AccessLogWriter(AccessLogConfig config, Path dataDir, ScoringMetrics metrics, Clock clock) {
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.path = config.path().orElse(dataDir.resolve("access.jsonl"));
        this.stdout = config.stdout();
        this.metrics = metrics;
        this.errorLog = new RateLimitedLog(clock, config.errorLogInterval());
        this.thread = new Thread(this::drainLoop, "access-log-writer");
        this.thread.setDaemon(true);
        this.thread.start();
        LOG.infof("Access log: %s%s", path.toAbsolutePath(), stdout ? " and stdout" : "");
    }

    /** What the writer has done so far, and why it cannot write now (empty while it can). */
    public record Status(boolean threadAlive, long linesWritten, long linesDropped, Optional<String> failure) {
    }

    public void write(AccessLogLine line) {
        if (!queue.offer(line)) {
            drop(AccessLogDropReason.QUEUE_FULL, 1);
        }
    }

    public Path path() {
        return path;
    }

    public Status status() {
        return new Status(thread.isAlive(), written, dropped, failure);
    }

    private void drop(AccessLogDropReason reason, int lines) {
        metrics.accessLogLinesDropped(reason, lines);
        synchronized (this) { // request threads (queue full) and the writer thread both count
            dropped += lines;
        }
    }

    private void drainLoop() {
        List<AccessLogLine> batch = new ArrayList<>(BATCH);
        try (AccessLogFile file = new AccessLogFile(path)) {
            while (running || !queue.isEmpty()) {
                if (queue.drainTo(batch, BATCH) == 0) {
                    pause(IDLE_PARK_NANOS);
                    continue;
                }
                StringBuilder sb = new StringBuilder(batch.size() * 200);
                for (AccessLogLine line : batch) {
                    sb.append(line.toJson()).append('\n');
                }
                if (stdout) {
                    System.out.print(sb);
                    System.out.flush();
                }
                try {
                    file.append(ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
                    written += batch.size();
                    recovered();
                } catch (IOException | RuntimeException e) {
                    // Keep serving lenders: this batch is lost and counted, the next batch tries again.
                    failed(e, batch.size());
                    if (running) {
                        pause(RETRY_PAUSE_NANOS);
                    }
                } finally {
                    batch.clear();
                }
            }
        }
    }

    private void pause(long nanos) {
        LockSupport.parkNanos(this, nanos);
        if (Thread.interrupted()) {
            running = false;
        }
    }

    private void failed(Exception e, int lines) {
        drop(AccessLogDropReason.WRITE_FAILED, lines);
        String reason = "cannot write " + path.getFileName() + ": " + reason(e);
        failure = Optional.of(reason);
        errorLog.admit("Access log " + reason + "; " + dropped + " lines lost so far")
                .ifPresent(LOG::error);
    }

    private void recovered() {
        if (failure.isPresent()) {
            failure = Optional.empty();
            LOG.warnf("Access log %s writable again; %d lines lost so far (scoregate_access_log_dropped_total)",
                    path.getFileName(), dropped);
        }
    }

    /** The cause in words, without exception class names or any path but the file's own name. */
    private String reason(Exception e) {
        String text;
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            text = fs.getReason();
        } else if (e instanceof AccessDeniedException) {
            text = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            text = "no such file or directory";
        } else if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException) {
            text = "a part of its directory path is not a directory";
        } else if (e instanceof FileSystemException) {
            text = "file system error";
        } else {
            text = Optional.ofNullable(e.getMessage()).orElse("I/O error");
        }
        return text.replace(path.toAbsolutePath().toString(), path.getFileName().toString())
                .replace(path.toString(), path.getFileName().toString());
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Writes what is queued, then stops the thread (at most a few seconds at shutdown). */
    @PreDestroy
    void stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
