package io.scoregate.gate.e2e;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;

/**
 * The real packaged scoring service ({@code service/target/quarkus-app/quarkus-run.jar}) started as its own
 * JVM on a free loopback port with a temporary data dir, as a staging environment would run it.
 */
final class PackagedService implements AutoCloseable {

    /** Where the reactor build leaves the service; {@code -Dscoregate.service.jar} points elsewhere. */
    static final Path JAR = Path.of(System.getProperty("scoregate.service.jar",
            "../service/target/quarkus-app/quarkus-run.jar"));
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final Process process;
    private final String host;
    private final int port;
    private final Path dataDir;
    private final Path output;

    private PackagedService(Process process, String host, int port, Path dataDir, Path output) {
        this.process = process;
        this.host = host;
        this.port = port;
        this.dataDir = dataDir;
        this.output = output;
    }

    static Path requireJar() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("The packaged scoring service is missing at " + JAR.toAbsolutePath()
                    + ": build it first (./mvnw package -pl service, or ./mvnw verify from the root, which packages "
                    + "the service before ci-gate's tests run).");
        }
        return JAR;
    }

    /** Starts the service with extra {@code -D} properties (drills, deadline) and waits until it is ready. */
    static PackagedService start(Path dataDir, Map<String, String> properties) throws IOException, InterruptedException {
        return startAt("127.0.0.1", freePort(), dataDir, properties);
    }

    /**
     * Starts the service on one loopback address and port: several instances may share a port on 127.0.0.2,
     * 127.0.0.3, ..., as pods behind one headless Service do.
     */
    static PackagedService startAt(String host, int port, Path dataDir, Map<String, String> properties)
            throws IOException, InterruptedException {
        Path jar = requireJar();
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=" + host);
        command.add("-Dscoregate.data-dir=" + dataDir);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        Path output = dataDir.resolve("service-output.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        var service = new PackagedService(process, host, port, dataDir, output);
        service.awaitReady();
        return service;
    }

    URI uri() {
        return URI.create("http://" + host + ":" + port);
    }

    int port() {
        return port;
    }

    /** The service's own access log (default location under its data dir). */
    Path accessLog() {
        return dataDir.resolve("access.jsonl");
    }

    /** Waits (up to 5 s) until the access log holds the line of the request with this X-Request-Id. */
    void awaitAccessLogLine(String requestId) throws IOException, InterruptedException {
        String field = "\"requestId\":\"" + requestId + "\"";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(accessLog()) && Files.readString(accessLog()).contains(field))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no access-log line for request " + requestId + " in " + accessLog());
            }
            Thread.sleep(10); // polling a file another process writes; there is nothing to wait on
        }
    }

    long accessLogSize() throws IOException {
        return Files.exists(accessLog()) ? Files.size(accessLog()) : 0;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(uri().resolve("/q/health/ready")).timeout(Duration.ofSeconds(2))
                .GET().build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The scoring service exited with " + process.exitValue()
                        + " while starting; its output:\n" + tail());
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // still starting
            }
            // polling a starting process: there is no event to wait on
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("The scoring service was not ready within " + STARTUP.toSeconds()
                + " s; its output:\n" + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(output);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
