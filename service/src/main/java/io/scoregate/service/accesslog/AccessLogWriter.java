package io.scoregate.service.accesslog;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.scoregate.service.config.AccessLogConfig;
import io.scoregate.service.metrics.ScoringMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Writes access-log lines off the request path: requests only offer a line to a bounded queue (never
 * blocking; a full queue drops the line and counts it), and one daemon thread drains the queue in batches,
 * writing each batch with a single flush. Lines are appended to the file, so a restart continues it.
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

    private final BlockingQueue<AccessLogLine> queue;
    private final Path path;
    private final boolean stdout;
    private final ScoringMetrics metrics;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long written;

    // scoregate.data-dir is shared with the routing side (its table lives there too), so it is read as a plain
    // property here rather than claimed by a mapping of this side.
    public AccessLogWriter(AccessLogConfig config,
                           @ConfigProperty(name = "scoregate.data-dir", defaultValue = "./data") Path dataDir,
                           ScoringMetrics metrics) {
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.path = config.path().orElse(dataDir.resolve("access.jsonl"));
        this.stdout = config.stdout();
        this.metrics = metrics;
        this.thread = new Thread(this::drainLoop, "access-log-writer");
        this.thread.setDaemon(true);
        this.thread.start();
        LOG.infof("Access log: %s%s", path.toAbsolutePath(), stdout ? " and stdout" : "");
    }

    public void write(AccessLogLine line) {
        if (!queue.offer(line)) {
            metrics.accessLogLineDropped();
        }
    }

    public Path path() {
        return path;
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    public long linesWritten() {
        return written;
    }

    private void drainLoop() {
        List<AccessLogLine> batch = new ArrayList<>(BATCH);
        Writer out = null;
        while (running || !queue.isEmpty()) {
            try {
                if (queue.drainTo(batch, BATCH) == 0) {
                    LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                    if (Thread.interrupted()) {
                        running = false;
                    }
                    continue;
                }
                if (out == null) {
                    out = open();
                }
                StringBuilder sb = new StringBuilder(batch.size() * 200);
                for (AccessLogLine line : batch) {
                    sb.append(line.toJson()).append('\n');
                }
                out.write(sb.toString());
                out.flush();
                if (stdout) {
                    System.out.print(sb);
                    System.out.flush();
                }
                written += batch.size();
            } catch (IOException e) {
                // Keep serving lenders; the lines of this batch are lost and the next batch reopens the file.
                LOG.errorf("Cannot write access log %s (%d lines lost): %s", path, batch.size(), e.getMessage());
                out = closeQuietly(out);
            } finally {
                batch.clear();
            }
        }
        closeQuietly(out);
    }

    private Writer open() throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), 1 << 16);
    }

    private static Writer closeQuietly(Writer out) {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing more to save
            }
        }
        return null;
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
