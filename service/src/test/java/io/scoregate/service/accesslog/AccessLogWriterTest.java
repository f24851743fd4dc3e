package io.scoregate.service.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scoregate.contract.Outcome;
import io.scoregate.service.config.AccessLogConfig;
import io.scoregate.service.metrics.ScoringMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer against real file systems that refuse writes: a path whose parent is a regular file (any user,
 * root included, is refused) and a full disk (a 64 KiB tmpfs, when this machine lets the test mount one).
 */
class AccessLogWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AccessLogWriter> writers = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final Handler errorCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                synchronized (errors) {
                    errors.add(record.getMessage());
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Path mounted;

    @AfterEach
    void tearDown() throws Exception {
        writers.forEach(AccessLogWriter::stop);
        Logger.getLogger(AccessLogWriter.class.getName()).removeHandler(errorCapture);
        if (mounted != null) {
            run("umount", mounted.toString());
        }
    }

    @Test
    void shouldCountEveryLineItCannotWriteReportItAndRecoverWhenThePathIsUsableAgain() throws Exception {
        Path blocker = dir.resolve("logs");
        Files.writeString(blocker, "a file where the log directory should be");
        AccessLogWriter writer = writer(blocker.resolve("access.jsonl"));

        writeLines(writer, 300);
        awaitAccounted(writer, 300);
        AccessLogWriter.Status failing = writer.status();
        assertThat(failing.linesWritten()).isZero();
        assertThat(failing.linesDropped()).isEqualTo(300);
        assertThat(dropped("write_failed")).isEqualTo(300);
        assertThat(failing.failure()).hasValueSatisfying(f -> assertThat(f)
                .startsWith("cannot write access.jsonl: ")
                .doesNotContain(dir.toString()).doesNotContain("Exception"));

        Files.delete(blocker); // the operator fixes the volume
        Files.createDirectory(blocker);
        writeLines(writer, 50);
        awaitAccounted(writer, 350);
        assertThat(writer.status().failure()).isEmpty();
        assertThat(writer.status().linesWritten()).isEqualTo(50);
        assertThat(everyLineParses(blocker.resolve("access.jsonl"))).isEqualTo(50);
    }

    @Test
    void shouldNeverLeaveATornLineOnAFullDiskAndCountWhatDidNotFit() throws Exception {
        mounted = dir.resolve("small-disk");
        Files.createDirectory(mounted);
        boolean canMount = run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mounted.toString());
        if (!canMount) {
            mounted = null;
        }
        assumeThat(canMount).as("mounting a 64 KiB tmpfs (needs root)").isTrue();
        Logger.getLogger(AccessLogWriter.class.getName()).addHandler(errorCapture);
        Path file = mounted.resolve("access.jsonl");
        AccessLogWriter writer = writer(file);

        long started = System.nanoTime();
        int requests = 0;
        for (int round = 0; round < 20; round++) { // ~2 s of traffic against a full disk, in batches
            writeLines(writer, 200);
            requests += 200;
            Thread.sleep(100); // spacing the traffic out over time, so several write attempts fail
        }
        awaitAccounted(writer, requests);
        double failingSeconds = (System.nanoTime() - started) / 1e9;
        AccessLogWriter.Status full = writer.status();
        int inFile = everyLineParses(file);
        // writes failed for lack of space; whether the very last attempt failed too depends on how the batches fell
        // (a small batch after a cut-back can still fit), so the current failure is checked only when there is one
        assertThat(dropped("write_failed")).isPositive();
        full.failure().ifPresent(f -> assertThat(f).contains("No space left on device"));
        assertThat(inFile).isPositive().isEqualTo(full.linesWritten()).isLessThan(requests);
        assertThat(dropped("write_failed") + dropped("queue_full")).isEqualTo(requests - inFile);
        synchronized (errors) { // one line per 10 s interval (+1 for a boundary): not one per failed batch
            assertThat(errors).hasSizeBetween(1, 2 + (int) (failingSeconds / 10));
        }

        assertThat(run("mount", "-o", "remount,size=1m", mounted.toString())).isTrue(); // space freed
        writeLines(writer, 100);
        awaitAccounted(writer, requests + 100);
        assertThat(writer.status().failure()).isEmpty();
        assertThat(everyLineParses(file)).isEqualTo(inFile + 100).isEqualTo(writer.status().linesWritten());
    }

    private AccessLogWriter writer(Path file) {
        AccessLogConfig config = new AccessLogConfig() {
            @Override
            public Optional<Path> path() {
                return Optional.of(file);
            }

            @Override
            public boolean stdout() {
                return false;
            }

            @Override
            public int queueCapacity() {
                return 65536;
            }

            @Override
            public Duration errorLogInterval() {
                return Duration.ofSeconds(10);
            }
        };
        AccessLogWriter writer = new AccessLogWriter(config, dir, new ScoringMetrics(registry), Clock.systemUTC());
        writers.add(writer);
        return writer;
    }

    private static void writeLines(AccessLogWriter writer, int n) {
        for (int i = 0; i < n; i++) {
            writer.write(new AccessLogLine(Instant.now(), "req-" + i, "acme", "/risk-score", "v1.2", 1.25,
                    Outcome.OK, 200));
        }
    }

    /** Waits until the writer has either written or dropped every line offered (it works asynchronously). */
    private static void awaitAccounted(AccessLogWriter writer, long lines) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            AccessLogWriter.Status s = writer.status();
            if (s.linesWritten() + s.linesDropped() >= lines) {
                assertThat(s.linesWritten() + s.linesDropped()).isEqualTo(lines);
                return;
            }
            Thread.sleep(20); // waiting for the writer thread, not simulating work
        }
        throw new AssertionError("the writer accounted for " + writer.status() + " of " + lines + " lines");
    }

    private double dropped(String reason) {
        return registry.get("scoregate.access.log.dropped").tag("reason", reason).counter().count();
    }

    /** The number of lines in the file, after checking that each is a whole JSON object ending in a newline. */
    private static int everyLineParses(Path file) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as("the file ends with a complete line").satisfiesAnyOf(
                t -> assertThat(t).isEmpty(), t -> assertThat(t).endsWith("\n"));
        int n = 0;
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                assertThat(JSON.readTree(line).get("requestId")).as(line).isNotNull();
                n++;
            }
        }
        return n;
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
