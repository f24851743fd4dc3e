package io.scoregate.gate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scoregate.gate.http.HostileServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged gate ({@code ci-gate/target/ci-gate.jar}, run by failsafe after {@code package}) as a CI job
 * runs it, against a target that hangs or streams an endless body: SIGTERM ({@link Process#destroy()}) stops
 * {@code rollout}, {@code rollback} and {@code compare} within seconds with exit 130 and one line saying where
 * they left things; a bad target without a signal is exit 5 in bounded time and bounded memory. The bounds are
 * generous for a loaded 2-core machine; the times measured are printed ({@code SIGNAL ...} lines).
 */
class SignalStopIT {

    private static final String WEDNESDAY = "2026-11-25T12:00:00+03:00";
    private static final Duration STOP_WITHIN = Duration.ofSeconds(10);
    private static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("ci-gate.jar", "target/ci-gate.jar"));
        assertThat(jar).as("the packaged gate: build it with ./mvnw -B -o package -pl ci-gate -DskipTests").isRegularFile();
    }

    private record Run(int code, String err, Duration stoppedIn) {
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().put("SCOREGATE_ADMIN_TOKEN", "test-token");
        pb.environment().remove("SCOREGATE_WEBHOOK_URL");
        return pb.start();
    }

    /** Sends SIGTERM once the gate is stuck in a call to the server, and waits for it to end. */
    private Run terminateWhenStalled(HostileServer server, Process gate) throws Exception {
        assertThat(server.awaitStall(60)).as("the gate called the hanging target").isTrue();
        long signalled = System.nanoTime();
        gate.destroy();
        boolean ended = gate.waitFor(STOP_WITHIN.toSeconds() + 20, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - signalled);
        if (!ended) {
            gate.destroyForcibly();
        }
        assertThat(ended).as("the gate ended after SIGTERM").isTrue();
        return new Run(gate.exitValue(), Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8), took);
    }

    @Test
    void shouldStopARolloutMidHoldAndSayWhereItLeftTheTable() throws Exception {
        String table = "{\"revision\":12,\"appliedRevision\":12,\"stable\":\"v1.2\",\"candidate\":\"v1.3\","
                + "\"weights\":{\"v1.2\":75,\"v1.3\":25},\"instanceId\":\"i-1\",\"updatedBy\":\"ci\",\"reason\":\"r\"}";
        try (var server = new HostileServer(path -> path.equals("/admin/routing")
                ? new HostileServer.Answer(200, "application/json", table) : HostileServer.SILENT)) {
            Process gate = start("rollout", "--targets", server.uri().toString(), "--candidate", "v1.3",
                    "--steps", "25,50,100", "--hold", "10m", "--now", WEDNESDAY, "--report-dir", dir.resolve("r").toString());
            Run run = terminateWhenStalled(server, gate);
            System.out.println("SIGNAL rollout stopped " + run.stoppedIn().toMillis() + " ms after SIGTERM, exit " + run.code());

            assertThat(run.code()).isEqualTo(ExitCode.INTERRUPTED.code());
            assertThat(run.stoppedIn()).isLessThan(STOP_WITHIN);
            assertThat(run.err()).isEqualTo("ci-gate: interrupted at 25% (revision 12, HOLDING: holding 25% "
                    + "for 600 s): the table is left as it is; rerun with --resume continue or --resume abort.\n");
            // the interrupted driver tried to roll back; nothing of it reached the target
            assertThat(server.requestLines()).noneMatch(l -> l.startsWith("PUT"));
        }
    }

    @Test
    void shouldStopARollbackWaitingOnAHangingTarget() throws Exception {
        try (var server = new HostileServer(HostileServer.TRICKLE)) {
            Process gate = start("rollback", "--targets", server.uri().toString(), "--report-dir", dir.resolve("r").toString());
            Run run = terminateWhenStalled(server, gate);
            System.out.println("SIGNAL rollback stopped " + run.stoppedIn().toMillis() + " ms after SIGTERM, exit " + run.code());

            assertThat(run.code()).isEqualTo(ExitCode.INTERRUPTED.code());
            assertThat(run.stoppedIn()).isLessThan(STOP_WITHIN);
            assertThat(run.err()).startsWith("ci-gate: interrupted before its first step completed; the routing "
                    + "table is left as it is").hasLineCount(1);
        }
    }

    @Test
    void shouldStopACompareWaitingOnAHangingTarget() throws Exception {
        try (var server = new HostileServer(HostileServer.SILENT)) {
            Process gate = start("compare", "--target", server.uri().toString(), "--baseline", "v1.2", "--candidate",
                    "v1.3", "--now", WEDNESDAY, "--report-dir", dir.resolve("r").toString());
            Run run = terminateWhenStalled(server, gate);
            System.out.println("SIGNAL compare stopped " + run.stoppedIn().toMillis() + " ms after SIGTERM, exit " + run.code());

            assertThat(run.code()).isEqualTo(ExitCode.INTERRUPTED.code());
            assertThat(run.stoppedIn()).isLessThan(STOP_WITHIN);
            assertThat(run.err()).isEqualTo("ci-gate: interrupted before any load was sent; no verdict, and "
                    + "requests.jsonl was not written.\n");
        }
    }

    @Test
    void shouldFailARollbackAgainstAnEndlessBodyInBoundedTimeAndMemory() throws Exception {
        // -Xmx64m: reading the endless body whole (the old ofString()) ends in an OutOfMemoryError; capped, it is exit 5
        try (var server = new HostileServer(HostileServer.ENDLESS)) {
            long started = System.nanoTime();
            Process gate = start("rollback", "--targets", server.uri().toString(), "--watch", "0s",
                    "--report-dir", dir.resolve("r").toString());
            boolean ended = gate.waitFor(90, TimeUnit.SECONDS);
            if (!ended) {
                gate.destroyForcibly();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.println("SIGNAL rollback against an endless body ended in " + took.toMillis() + " ms, exit "
                    + (ended ? gate.exitValue() : -1));
            assertThat(ended).isTrue();
            String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
            assertThat(gate.exitValue()).as(err).isEqualTo(ExitCode.TARGET_UNAVAILABLE.code());
            assertThat(err).contains("answer body exceeded 1 MiB").doesNotContain("OutOfMemoryError");
        }
    }
}
