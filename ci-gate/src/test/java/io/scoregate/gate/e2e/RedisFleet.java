package io.scoregate.gate.e2e;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Several packaged service instances sharing one real Redis routing store (a key prefix of their own), the way
 * a fleet runs. The redis-server is the one .ci/run starts on 127.0.0.1:6399 (or SCOREGATE_TEST_REDIS_PORT).
 */
final class RedisFleet implements AutoCloseable {

    static final int REDIS_PORT = Integer.parseInt(System.getenv().getOrDefault("SCOREGATE_TEST_REDIS_PORT", "6399"));

    private final Path dir;
    private final String adminToken;
    private final String prefix = "e2e-" + UUID.randomUUID();
    private final List<PackagedService> instances = new ArrayList<>();

    RedisFleet(Path dir, String adminToken) {
        this.dir = dir;
        this.adminToken = adminToken;
    }

    /** Fails, with the command that fixes it, when no redis-server is listening. */
    static void requireRedis() {
        try (var ignored = new Socket("127.0.0.1", REDIS_PORT)) {
            // reachable
        } catch (IOException e) {
            throw new IllegalStateException("These tests need a redis-server on 127.0.0.1:" + REDIS_PORT
                    + " (bash .ci/run starts one; or: redis-server --port " + REDIS_PORT + " --save '' --daemonize yes)");
        }
    }

    /** Starts {@code n} instances named {@code <name>-0..n-1} on the shared store, with extra properties. */
    List<URI> start(int n, String name, Map<String, String> properties) throws IOException, InterruptedException {
        List<URI> uris = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            uris.add(add(PackagedService.start(dir.resolve(name + "-" + i), storeProperties(name + "-" + i,
                    properties))));
        }
        return uris;
    }

    /** Starts one instance named {@code name} on the shared store at {@code host:port}. */
    URI startAt(String host, int port, String name, Map<String, String> properties)
            throws IOException, InterruptedException {
        return add(PackagedService.startAt(host, port, dir.resolve(name), storeProperties(name, properties)));
    }

    private Map<String, String> storeProperties(String instanceId, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of(
                "scoregate.routing.store", "redis",
                "quarkus.redis.hosts", "redis://127.0.0.1:" + REDIS_PORT,
                "scoregate.routing.redis-key-prefix", prefix,
                "scoregate.admin.token", adminToken,
                "scoregate.instance-id", instanceId));
        props.putAll(extra);
        return props;
    }

    /**
     * Access-log lines of {@code version} over every instance, once the asynchronous writers have flushed: read
     * until two reads 200 ms apart agree (at most 5 s).
     */
    long linesOf(String version) throws java.io.IOException, InterruptedException {
        String field = "\"modelVersion\":\"" + version + "\"";
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        long last = -1;
        while (true) {
            long n = 0;
            for (PackagedService s : instances) {
                if (java.nio.file.Files.exists(s.accessLog())) {
                    try (var lines = java.nio.file.Files.lines(s.accessLog())) {
                        n += lines.filter(l -> l.contains(field)).count();
                    }
                }
            }
            if (n == last || System.nanoTime() > deadline) {
                return n;
            }
            last = n;
            Thread.sleep(200); // the writers flush every 20 ms; nothing to wait on across processes
        }
    }

    /** Adds an instance started some other way, so that it is stopped with the fleet. */
    URI add(PackagedService instance) {
        instances.add(instance);
        return instance.uri();
    }

    @Override
    public void close() throws InterruptedException {
        for (PackagedService s : instances) {
            s.close();
        }
    }
}
