package io.scoregate.service.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Packaged service instances (target/quarkus-app/quarkus-run.jar) on free loopback ports, and a private
 * redis-server the test can stop and restart. For the multi-instance integration tests.
 */
final class ServiceFleet implements AutoCloseable {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final String TOKEN = "it-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final List<Instance> instances = new ArrayList<>();
    private Process redis;
    int redisPort;

    record Instance(String id, int port, Process process, Path log) {
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    void startRedis(int port) throws Exception {
        redisPort = port;
        redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--save", "", "--appendonly", "no",
                "--bind", "127.0.0.1")
                .redirectErrorStream(true).redirectOutput(Path.of("target/it-redis-" + port + ".log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50); // waiting for a real process to open its port
            }
        }
        throw new IllegalStateException("redis-server did not open port " + port + " within 10 s (is "
                + "/usr/bin/redis-server installed?)");
    }

    void stopRedis() throws InterruptedException {
        if (redis != null) {
            redis.destroy();
            redis.waitFor();
            redis = null;
        }
    }

    Instance start(String id, Map<String, String> properties) throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run ./mvnw verify -pl service");
        }
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-Dquarkus.http.port=" + port, "-Dscoregate.instance-id=" + id));
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(JAR.toString());
        Path log = Path.of("target/it-logs/" + id + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SCOREGATE_ADMIN_TOKEN", TOKEN);
        Instance instance = new Instance(id, port, pb.start(), log);
        instances.add(instance);
        return instance;
    }

    void awaitReady(Duration timeout) throws Exception {
        for (Instance i : instances) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                try {
                    if (get(i, "/q/health/ready").statusCode() == 200) {
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline || !i.process().isAlive()) {
                    throw new IllegalStateException(i.id() + " not ready within " + timeout + "; see " + i.log());
                }
                Thread.sleep(100); // waiting for a JVM to start
            }
        }
    }

    HttpResponse<String> get(Instance i, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(i.uri(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode routing(Instance i) throws IOException, InterruptedException {
        return JSON.readTree(get(i, "/admin/routing").body());
    }

    HttpResponse<String> put(Instance i, String stable, String candidate, int stableWeight, long expectedRevision,
                             String reason) throws IOException, InterruptedException {
        String body = "{\"stable\":\"" + stable + "\",\"candidate\":\"" + candidate + "\",\"weights\":{\"" + stable
                + "\":" + stableWeight + ",\"" + candidate + "\":" + (100 - stableWeight) + "},\"expectedRevision\":"
                + expectedRevision + ",\"reason\":\"" + reason + "\"}";
        return http.send(HttpRequest.newBuilder(i.uri("/admin/routing")).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Milliseconds until every instance reports {@code revision} as applied; -1 if not within the timeout. */
    long millisUntilAllApply(long revision, long startNanos, Duration timeout) throws Exception {
        long deadline = startNanos + timeout.toNanos();
        List<Instance> pending = new ArrayList<>(instances);
        while (!pending.isEmpty()) {
            pending.removeIf(i -> {
                try {
                    return routing(i).path("appliedRevision").asLong() >= revision;
                } catch (Exception e) {
                    return false;
                }
            });
            if (pending.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                return -1;
            }
            Thread.sleep(5); // polling other processes; not standing in for work
        }
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public void close() throws Exception {
        for (Instance i : instances) {
            i.process().destroy();
        }
        for (Instance i : instances) {
            i.process().waitFor();
        }
        stopRedis();
    }
}
