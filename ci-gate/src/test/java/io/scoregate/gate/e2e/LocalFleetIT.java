package io.scoregate.gate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/local/fleet.sh friday} as a user runs it, after {@code package} (failsafe): the script starts its
 * own Redis, three packaged instances behind nginx, Prometheus with the alert rules, Alertmanager and a webhook
 * receiver, replays the incident write-up and stops everything. The test holds it to its claims: exit 0, a
 * timeline showing the guard's rollback, the alert firing and resolving, {@code rollback} verifying all three
 * instances and {@code analyze} naming v1.3; and nothing of its work dir left running, no port of its left open.
 * The one time bound is the issue's: the whole command within 3 minutes (the script's own deadline is 170 s).
 */
class LocalFleetIT {

    private static final Duration BOUND = Duration.ofMinutes(3);
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = REPO.resolve("deploy/local/fleet.sh");
    private static final List<String> TOOLS = List.of("redis-server", "nginx", "prometheus", "promtool",
            "prometheus-alertmanager", "node", "curl");

    @TempDir
    Path dir;

    @BeforeAll
    static void requireTools() {
        PackagedService.requireJar();
        List<String> missing = TOOLS.stream().filter(t -> !onPath(t)).toList();
        assertThat(missing).as("fleet.sh needs these on the PATH (bash .ci/run installs them from Debian)").isEmpty();
    }

    private static boolean onPath(String tool) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private record Run(boolean ended, int code, String output, Duration took) {
    }

    private Run fleet(Path work, String command, Duration bound) throws IOException, InterruptedException {
        Path output = dir.resolve(command + ".out");
        var pb = new ProcessBuilder("bash", SCRIPT.toString(), command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = pb.environment();
        env.put("SCOREGATE_FLEET_DIR", work.toString());
        env.put("SCOREGATE_SERVICE_JAR", PackagedService.JAR.toAbsolutePath().normalize().toString());
        env.put("SCOREGATE_GATE_JAR", Path.of(System.getProperty("ci-gate.jar", "target/ci-gate.jar"))
                .toAbsolutePath().toString());
        long start = System.nanoTime();
        Process process = pb.start();
        boolean ended = process.waitFor(bound.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            process.destroy(); // SIGTERM: the script's trap stops what it started
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Run(ended, ended ? process.exitValue() : -1, Files.readString(output, StandardCharsets.UTF_8), took);
    }

    @Test
    void shouldReplayTheFridayAndLeaveNothingRunning() throws Exception {
        Path work = dir.resolve("fleet");
        Run friday = fleet(work, "friday", BOUND);
        // what the script left behind, before anything else cleans up
        List<String> leftOver = processesOf(work);
        List<Integer> openPorts = openPortsOf(work);
        // the test's own cleanup, whatever happened (down also works after a crash)
        Run down = fleet(work, "down", Duration.ofSeconds(60));
        // the README's "The Friday on one machine" figure and timeline
        System.out.println("LOCAL-FLEET friday exit " + friday.code() + " in " + friday.took().toMillis() + " ms\n"
                + friday.output());

        assertThat(friday.ended()).as("fleet.sh friday ended within %s:%n%s", BOUND, friday.output()).isTrue();
        assertThat(friday.code()).as(friday.output()).isZero();
        String timeline = friday.output().substring(friday.output().indexOf("Timeline"));
        assertThat(timeline).as(friday.output())
                .containsPattern("routing audit +revision \\d+: v1\\.2=75 v1\\.3=25 by ci-gate rollout")
                .containsPattern("routing audit +revision \\d+: v1\\.2=100 v1\\.3=0 by guard@local-")
                .containsPattern("alertmanager +alert ScoregateGuardRollback firing")
                .containsPattern("alertmanager +alert ScoregateGuardRollback resolved")
                .containsPattern("gate rollback +2\\. verify propagation ok all 3 instances apply revision")
                .containsPattern("analyze +analyze of the 3 collected access logs .*modelVersion=v1\\.3");
        assertThat(leftOver).as("processes of %s still running after friday", work).isEmpty();
        assertThat(openPorts).as("ports of the fleet still open after friday").isEmpty();
        assertThat(down.code()).as(down.output()).isZero();
    }

    /** Every process whose command line or working directory names the work dir. */
    private static List<String> processesOf(Path work) {
        String needle = work.toString();
        List<String> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            String cmd = p.info().commandLine().orElse("");
            String cwd;
            try {
                cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).toString();
            } catch (IOException | UnsupportedOperationException | SecurityException gone) {
                cwd = "";
            }
            if (cmd.contains(needle) || cwd.startsWith(needle)) {
                found.add(p.pid() + " " + cmd + " (in " + cwd + ")");
            }
        });
        return found;
    }

    /** The ports the script wrote to its fleet.env that still accept a connection. */
    private static List<Integer> openPortsOf(Path work) throws IOException {
        Path env = work.resolve("fleet.env");
        assertThat(env).as("fleet.sh records its ports in the work dir").isRegularFile();
        List<Integer> open = new ArrayList<>();
        for (String line : Files.readAllLines(env)) {
            if (line.matches("[A-Z_0-9]+_PORT=\\d+")) {
                int port = Integer.parseInt(line.substring(line.indexOf('=') + 1));
                try (var socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                    open.add(port);
                } catch (IOException closed) {
                    // closed: as it should be
                }
            }
        }
        return open;
    }
}
