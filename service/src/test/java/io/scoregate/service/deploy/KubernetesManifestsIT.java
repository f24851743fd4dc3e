package io.scoregate.service.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.scoregate.service.routing.RedisTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * deploy/kubernetes/ against the service it deploys (no cluster runs here). The packaged jar is started the way
 * the Deployment starts its container: the container's env (literal values, the ConfigMap, the example Secret,
 * the pod name), its JAVA_OPTS as JVM options, and each volume mount at a temporary directory. Then every probe
 * path, the port and the Prometheus annotations are asked of the running service, and every env name must
 * show its effect (an env name the service ignored would pass unnoticed otherwise). The Redis host is the
 * test's (127.0.0.1:6399) instead of the manifest's in-cluster name, and the port a free one instead of 8080
 * (that 8080 is the service's own default is checked against application.properties).
 * The schema: KubernetesManifestSchemaTest (no unknown fields) and deploy/kubernetes/validate/ (.ci/run; required
 * fields, types).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesManifestsIT {

    private static final Path SERVICE = Path.of("").toAbsolutePath();
    private static final Path MANIFESTS = SERVICE.getParent().resolve("deploy/kubernetes");
    private static final Path GENERATED = SERVICE.resolve("target/kubernetes/kubernetes.yml");
    private static final Path JAR = SERVICE.resolve("target/quarkus-app/quarkus-run.jar");
    private static final String POD_NAME = "scoregate-7d9f-it";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PROBES = Set.of("startupProbe", "readinessProbe", "livenessProbe");
    /** The lender and key of the example Secret (its hash is sha256("foo")). */
    private static final String LENDER = "acme-bank";
    private static final String LENDER_KEY = "foo";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private List<JsonNode> documents;
    private JsonNode container;
    private Map<String, String> env;
    private Map<String, Path> mounts;
    private Path root;
    private Process service;
    private int port;

    @BeforeAll
    void startTheServiceAsTheDeploymentDoes() throws Exception {
        RedisTestSupport.requireRedis();
        documents = readAll(MANIFESTS.resolve("scoregate.yaml"));
        JsonNode deployment = one("Deployment", "scoregate");
        JsonNode pod = deployment.at("/spec/template/spec");
        assertThat(pod.get("containers")).hasSize(1);
        container = pod.get("containers").get(0);
        root = Files.createTempDirectory("scoregate-k8s-it");

        JsonNode secret = readAll(MANIFESTS.resolve("examples/secret.yaml")).get(0);
        mounts = new LinkedHashMap<>();
        for (JsonNode mount : container.get("volumeMounts")) {
            Path dir = Files.createDirectories(root.resolve(mount.get("name").asText()));
            mounts.put(mount.get("mountPath").asText(), dir);
            JsonNode volume = named(pod.get("volumes"), mount.get("name").asText());
            if (volume.has("secret")) {
                assertThat(volume.at("/secret/secretName").asText()).isEqualTo(secret.at("/metadata/name").asText());
                for (JsonNode item : volume.at("/secret/items")) {
                    String key = item.get("key").asText();
                    assertThat(secret.get("stringData").has(key)).as("secret key " + key).isTrue();
                    Files.writeString(dir.resolve(item.get("path").asText()), secret.get("stringData").get(key).asText());
                }
            } else {
                assertThat(volume.has("emptyDir")).as("volume " + volume.get("name") + " is a secret or an emptyDir").isTrue();
            }
        }

        env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            JsonNode map = one("ConfigMap", from.at("/configMapRef/name").asText());
            map.get("data").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        for (JsonNode e : container.get("env")) {
            String name = e.get("name").asText();
            if (e.has("value")) {
                env.put(name, e.get("value").asText());
            } else if (e.at("/valueFrom/fieldRef/fieldPath").asText().equals("metadata.name")) {
                env.put(name, POD_NAME);
            } else if (e.at("/valueFrom/secretKeyRef/name").asText().equals(secret.at("/metadata/name").asText())) {
                env.put(name, secret.at("/stringData/" + e.at("/valueFrom/secretKeyRef/key").asText()).asText());
            } else {
                throw new AssertionError("env " + name + ": a source this test cannot provide: " + e);
            }
        }
        // paths inside the pod are the mounts' temporary directories here
        env.replaceAll((name, value) -> {
            for (Map.Entry<String, Path> m : mounts.entrySet()) {
                value = value.replace(m.getKey(), m.getValue().toString());
            }
            return value;
        });

        port = freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(env.getOrDefault("JAVA_OPTS", "").trim().split("\\s+")));
        cmd.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(root.resolve("service.log").toFile());
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("QUARKUS_REDIS_HOSTS", RedisTestSupport.HOSTS);
        pb.environment().put("SCOREGATE_ROUTING_REDIS_KEY_PREFIX", "scoregate:it:k8s:" + UUID.randomUUID());
        service = pb.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (status(get("/q/health/ready")) != 200) {
            assertThat(service.isAlive()).as("service running; see " + root.resolve("service.log")).isTrue();
            assertThat(System.nanoTime()).as("ready within 2 minutes; see " + root.resolve("service.log"))
                    .isLessThan(deadline);
            Thread.sleep(100); // waiting for a JVM to start
        }
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (service != null) {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldAnswerEveryProbePathOnTheContainerPort() throws Exception {
        int containerPort = httpPort();
        Set<String> seen = new TreeSet<>();
        container.fieldNames().forEachRemaining(f -> {
            if (f.endsWith("Probe")) {
                seen.add(f);
            }
        });
        assertThat(seen).isEqualTo(PROBES);
        for (String probe : PROBES) {
            JsonNode get = container.at("/" + probe + "/httpGet");
            assertThat(get.get("port").asInt()).as(probe + " port").isEqualTo(containerPort);
            HttpResponse<String> answer = get(get.get("path").asText());
            assertThat(answer.statusCode()).as(probe + " " + get.get("path").asText()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).get("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void shouldUseTheServicesOwnPortEverywhere() throws IOException {
        Properties app = new Properties();
        try (InputStream in = Files.newInputStream(SERVICE.resolve("src/main/resources/application.properties"))) {
            app.load(in);
        }
        int containerPort = httpPort();
        assertThat(containerPort).as("quarkus.http.port").isEqualTo(Integer.parseInt(app.getProperty("quarkus.http.port")));
        JsonNode annotations = one("Deployment", "scoregate").at("/spec/template/metadata/annotations");
        assertThat(annotations.get("prometheus.io/port").asText()).isEqualTo(Integer.toString(containerPort));
        for (JsonNode doc : documents) {
            if (doc.get("kind").asText().equals("Service")) {
                JsonNode selector = doc.at("/spec/selector");
                assertThat(selector).as("Service " + doc.at("/metadata/name").asText() + " selects the pods")
                        .isEqualTo(((ObjectNode) one("Deployment", "scoregate").at("/spec/template/metadata/labels")
                                .deepCopy()).retain(fieldNames(selector)));
                for (JsonNode p : doc.at("/spec/ports")) {
                    assertThat(p.get("targetPort").asText()).isEqualTo(container.at("/ports/0/name").asText());
                }
            }
        }
        JsonNode pdb = one("PodDisruptionBudget", "scoregate");
        assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(one("Deployment", "scoregate").at("/spec/selector/matchLabels"));
    }

    @Test
    void shouldServeMetricsWhereThePrometheusAnnotationsSay() throws Exception {
        JsonNode annotations = one("Deployment", "scoregate").at("/spec/template/metadata/annotations");
        assertThat(annotations.get("prometheus.io/scrape").asText()).isEqualTo("true");
        String path = annotations.get("prometheus.io/path").asText();
        // production keeps metrics to a token: Prometheus' own (the metrics token), not the open port
        assertThat(get(path).statusCode()).isEqualTo(401);
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + env.get("SCOREGATE_HTTP_METRICS_TOKEN")).GET());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("scoregate_routing_revision ", "scoregate_model_loaded{model_version=\"v1.2\"} 1.0");
    }

    @Test
    void shouldShowTheEffectOfEveryEnvName() throws Exception {
        Map<String, Predicate<String>> effects = new LinkedHashMap<>();
        String body = "{\"applicationId\":\"k8s-it-1\",\"lenderId\":\"" + LENDER + "\",\"sector\":\"RETAIL\","
                + "\"businessAgeMonths\":36,\"monthlyRevenueKes\":250000,\"revenueVolatility\":0.2,"
                + "\"mobileMoneyTxnsPerMonth\":120,\"existingDebtKes\":100000,\"priorLoansRepaid\":2,"
                + "\"priorDefaults\":0,\"crbScore\":640,\"requestedAmountKes\":300000,\"tenorMonths\":12}";
        // production profile: lender authentication on
        effects.put("QUARKUS_PROFILE", v -> v.equals("production") && status(post("/risk-score", body, Map.of())) == 401);
        // the lenders' hashes, from the mounted secret file
        effects.put("QUARKUS_CONFIG_LOCATIONS", v -> status(post("/risk-score", body, Map.of("X-Api-Key", LENDER_KEY))) == 200
                && status(post("/risk-score", body, Map.of("X-Api-Key", "not-" + LENDER_KEY))) == 401);
        effects.put("SCOREGATE_INSTANCE_ID", v -> routing().get("instanceId").asText().equals(v));
        effects.put("SCOREGATE_ROUTING_STORE", v -> routing().at("/store/kind").asText().equals(v));
        effects.put("QUARKUS_REDIS_HOSTS", v -> routing().at("/store/state").asText().equals("UP")); // (the test's Redis)
        effects.put("SCOREGATE_ADMIN_TOKEN", v -> {
            long revision = routing().get("revision").asLong();
            String change = "{\"stable\":\"v1.2\",\"weights\":{\"v1.2\":100},\"expectedRevision\":" + revision
                    + ",\"reason\":\"KubernetesManifestsIT\"}";
            return status(put("/admin/routing", change, "wrong-" + v)) == 403
                    && status(put("/admin/routing", change, v)) == 200;
        });
        // Prometheus' token opens the metrics and nothing else
        effects.put("SCOREGATE_HTTP_METRICS_TOKEN", v -> status(send(HttpRequest.newBuilder(uri("/q/metrics"))
                .header("Authorization", "Bearer " + v).GET())) == 200
                && status(send(HttpRequest.newBuilder(uri("/admin/routing")).header("Authorization", "Bearer " + v)
                .GET())) == 403);
        // the access log of a scored request lands in the data directory (written asynchronously: poll)
        effects.put("SCOREGATE_DATA_DIR", v -> {
            status(post("/risk-score", body, Map.of("X-Api-Key", LENDER_KEY)));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                if (read(Path.of(v, "access.jsonl"), "").contains("\"lenderId\":\"" + LENDER + "\"")) {
                    return true;
                }
                pause();
            }
            return false;
        });
        // JVM options: the container's entrypoint passes them (Dockerfile.jvm); this test started the JVM with them
        effects.put("JAVA_OPTS", v -> v.contains("MaxRAMPercentage") && service.isAlive()
                && read(SERVICE.resolve("src/main/docker/Dockerfile.jvm")).contains("$JAVA_OPTS"));

        assertThat(effects.keySet()).as("env names with a check").containsAll(env.keySet());
        for (Map.Entry<String, String> e : env.entrySet()) {
            assertThat(effects.get(e.getKey()).test(e.getValue())).as("effect of " + e.getKey() + "=" + e.getValue()).isTrue();
        }
    }

    /** Quarkus' own manifest (./mvnw ... package -Dkubernetes) names the same probes, port and annotations. */
    @Test
    void shouldCarryTheProbesPortAndAnnotationsQuarkusGenerates() throws IOException {
        assumeTrue(Files.exists(GENERATED), GENERATED + " absent: package the service with -Dkubernetes to compare");
        JsonNode generated = readAll(GENERATED).stream().filter(d -> d.get("kind").asText().equals("Deployment"))
                .findFirst().orElseThrow();
        JsonNode generatedContainer = generated.at("/spec/template/spec/containers/0");
        for (String probe : PROBES) {
            assertThat(container.get(probe)).as(probe).isEqualTo(generatedContainer.get(probe));
        }
        assertThat(container.get("ports")).isEqualTo(generatedContainer.get("ports"));
        ObjectNode ours = (ObjectNode) one("Deployment", "scoregate").at("/spec/template/metadata/annotations");
        ObjectNode theirs = ((ObjectNode) generated.at("/spec/template/metadata/annotations")).deepCopy();
        theirs.remove(List.of("app.quarkus.io/quarkus-version", "app.quarkus.io/build-timestamp"));
        assertThat(ours).isEqualTo(theirs);
    }

    private int httpPort() {
        assertThat(container.get("ports")).hasSize(1);
        assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
        return container.at("/ports/0/containerPort").asInt();
    }

    private JsonNode one(String kind, String name) {
        return documents.stream()
                .filter(d -> d.get("kind").asText().equals(kind) && d.at("/metadata/name").asText().equals(name))
                .reduce((a, b) -> {
                    throw new AssertionError("two " + kind + "/" + name);
                }).orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
    }

    private static JsonNode named(JsonNode array, String name) {
        for (JsonNode n : array) {
            if (n.get("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no entry named " + name + " in " + array);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<JsonNode> readAll(Path file) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        List<JsonNode> out = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            var it = yaml.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    out.add(doc);
                }
            }
        }
        return out;
    }

    /** GET /admin/routing with the admin token: in production every operator path needs it. */
    private JsonNode routing() {
        try {
            return JSON.readTree(send(HttpRequest.newBuilder(uri("/admin/routing"))
                    .header("Authorization", "Bearer " + env.get("SCOREGATE_ADMIN_TOKEN")).GET()).body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return send(b);
    }

    private HttpResponse<String> put(String path, String body, String token) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).header("X-Actor", "KubernetesManifestsIT")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** null when nothing answers (yet). */
    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int status(HttpResponse<String> answer) {
        return answer == null ? 0 : answer.statusCode();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String read(Path file, String absent) {
        return Files.exists(file) ? read(file) : absent;
    }

    private static void pause() {
        try {
            Thread.sleep(100); // polling a file another process writes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
