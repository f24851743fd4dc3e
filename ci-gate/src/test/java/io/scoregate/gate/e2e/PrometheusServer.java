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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus}, installed by {@code .ci/run}) scraping the given
 * targets' {@code /q/metrics} every 2 s (a scrape may take the whole interval on a loaded machine: Prometheus'
 * default timeout at a 1 s interval is 1 s, and a failed scrape makes the series stale), with its data in a
 * temporary directory.
 */
final class PrometheusServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static PrometheusServer start(Path dir, List<URI> targets) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        StringBuilder config = new StringBuilder("global:\n  scrape_interval: 2s\n  scrape_timeout: 2s\n  evaluation_interval: 2s\n"
                + "scrape_configs:\n  - job_name: scoregate\n    metrics_path: /q/metrics\n    static_configs:\n"
                + "      - targets: [");
        for (int i = 0; i < targets.size(); i++) {
            config.append(i == 0 ? "" : ", ").append('"').append(targets.get(i).getHost()).append(':')
                    .append(targets.get(i).getPort()).append('"');
        }
        config.append("]\n");
        Files.writeString(dir.resolve("prometheus.yml"), config);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("prometheus.log");
        Process p = new ProcessBuilder("prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(p, port, log);
        server.awaitReady();
        return server;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited: " + Files.readString(log));
            }
            try {
                var r = client.send(HttpRequest.newBuilder(uri().resolve("/-/ready")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200); // polling for readiness, not simulating work
        }
        throw new IllegalStateException("prometheus not ready within 60 s: " + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
