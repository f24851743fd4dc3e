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
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of issue 9's guard scenario on the packaged jar: one instance at its default guard settings, v1.3 at
 * WEIGHT% with a drill, RATE unpinned requests/s in all with a fresh applicationId each (so sticky routing spreads
 * them), until the guard takes v1.3 to 0% or MAX seconds pass. Prints one line: time from the canary's PUT to the
 * rollback seen in GET /admin/routing (polled every 100 ms), the v1.3 requests the instance served (from its
 * access log, by status), and the guard's reason.
 *
 * <p>Usage (from the repository root, after ./mvnw -B -o package -pl service -am -DskipTests):
 * <pre>java bench/GuardDetection.java RATE WEIGHT MAX [key=value ...]</pre>
 * where each key=value is a -D property for the service (the drill, e.g. scoregate.drill."v1.3".added-latency-ms=700).
 * bench/guard-detection.sh runs the two target scenarios three times each.
 */
public class GuardDetection {

    private static final String TOKEN = "bench-guard-token";
    private static final String BODY = "{\"applicationId\":\"%s\",\"lenderId\":\"bench-bank\",\"sector\":\"RETAIL\","
            + "\"businessAgeMonths\":36,\"monthlyRevenueKes\":250000,\"revenueVolatility\":0.2,"
            + "\"mobileMoneyTxnsPerMonth\":120,\"existingDebtKes\":100000,\"priorLoansRepaid\":2,\"priorDefaults\":0,"
            + "\"crbScore\":700,\"requestedAmountKes\":300000,\"tenorMonths\":12}";

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java bench/GuardDetection.java RATE WEIGHT MAX_SECONDS [key=value ...]");
            System.exit(2);
        }
        double rate = Double.parseDouble(args[0]);
        int weight = Integer.parseInt(args[1]);
        int maxSeconds = Integer.parseInt(args[2]);
        Path jar = Path.of("service/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            System.err.println("missing " + jar + ": run ./mvnw -B -o package -pl service -am -DskipTests first");
            System.exit(2);
        }
        Path data = Files.createTempDirectory("guard-bench");
        int port;
        try (var s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dscoregate.data-dir=" + data, "-Dscoregate.admin.token=" + TOKEN, "-Dscoregate.instance-id=bench-0"));
        for (int i = 3; i < args.length; i++) {
            command.add("-D" + args[i]);
        }
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        Process service = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("service.log").toFile()).start();
        URI base = URI.create("http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        try {
            awaitReady(http, base, service);
            AtomicLong sent = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long putNanos = canary(http, base, weight);
            load.scheduleAtFixedRate(() -> {
                sent.incrementAndGet();
                String id = String.format(Locale.ROOT, "bench-%016x", ThreadLocalRandom.current().nextLong());
                http.sendAsync(HttpRequest.newBuilder(base.resolve("/risk-score")).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(String.format(BODY, id))).build(),
                        HttpResponse.BodyHandlers.discarding())
                        .whenComplete((r, e) -> {
                            if (e != null) {
                                failed.incrementAndGet();
                            }
                        });
            }, 0, Math.round(1_000_000 / rate), TimeUnit.MICROSECONDS);
            String table = "";
            long deadline = putNanos + TimeUnit.SECONDS.toNanos(maxSeconds);
            boolean rolledBack = false;
            while (System.nanoTime() < deadline) {
                table = get(http, base.resolve("/admin/routing"));
                if (table.contains("\"v1.3\":0")) {
                    rolledBack = true;
                    break;
                }
                Thread.sleep(100); // polling a running service: there is no event to wait on
            }
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - putNanos);
            load.shutdown();
            load.awaitTermination(5, TimeUnit.SECONDS);
            Thread.sleep(1_000); // answers still within their deadline reach the access log
            Map<String, Integer> v13 = new TreeMap<>();
            int v13Total = 0;
            for (String line : Files.readAllLines(data.resolve("access.jsonl"))) {
                if (line.contains("\"modelVersion\":\"v1.3\"")) {
                    Matcher m = Pattern.compile("\"status\":\"(\\w+)\"").matcher(line);
                    v13.merge(m.find() ? m.group(1) : "?", 1, Integer::sum);
                    v13Total++;
                }
            }
            Matcher reason = Pattern.compile("\"reason\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(table);
            System.out.printf(Locale.ROOT, "rate=%s/s weight=%d%% rolled-back=%s after-ms=%d v1.3-requests=%d %s "
                            + "sent=%d transport-failures=%d reason=%s%n", args[0], weight, rolledBack, tookMs, v13Total,
                    v13, sent.get(), failed.get(), rolledBack && reason.find() ? reason.group(1) : "-");
        } finally {
            load.shutdownNow();
            service.destroy();
            if (!service.waitFor(10, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor();
            }
            if (System.getenv("KEEP") == null) {
                try (var files = Files.walk(data)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            } else {
                System.out.println("data kept in " + data);
            }
        }
    }

    private static void awaitReady(HttpClient http, URI base, Process service) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited with " + service.exitValue());
            }
            try {
                var r = http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100); // polling a starting process: there is no event to wait on
        }
        throw new IllegalStateException("the service was not ready within 120 s");
    }

    /** Puts v1.3 at {@code weight}% next to v1.2; returns System.nanoTime() when the PUT was answered. */
    private static long canary(HttpClient http, URI base, int weight) throws Exception {
        Matcher rev = Pattern.compile("\"revision\":(\\d+)").matcher(get(http, base.resolve("/admin/routing")));
        if (!rev.find()) {
            throw new IllegalStateException("no revision in GET /admin/routing");
        }
        String body = "{\"stable\":\"v1.2\",\"candidate\":\"v1.3\",\"weights\":{\"v1.2\":" + (100 - weight)
                + ",\"v1.3\":" + weight + "},\"expectedRevision\":" + rev.group(1) + ",\"reason\":\"bench canary\"}";
        var r = http.send(HttpRequest.newBuilder(base.resolve("/admin/routing")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("PUT /admin/routing answered " + r.statusCode() + ": " + r.body());
        }
        return System.nanoTime();
    }

    private static String get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
