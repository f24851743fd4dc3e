package io.scoregate.service.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two Dockerfiles against the build output and the repository (no container engine runs here): every
 * COPY source exists in its build context, the JVM image copies all of target/quarkus-app that the service
 * runs from, and the JVM image's own commands (write the AppCDS archive, start) work on a copy of
 * target/quarkus-app laid out as the COPY lines lay it out, with this JDK. Not checked: the base images, the
 * native build stage (COPY --from=build), and anything only a container engine does (users, layers).
 */
class DockerfilesIT {

    private static final Path SERVICE = Path.of("").toAbsolutePath();
    private static final Path REPO = SERVICE.getParent();
    private static final Path JVM_DOCKERFILE = SERVICE.resolve("src/main/docker/Dockerfile.jvm");
    private static final Path NATIVE_DOCKERFILE = REPO.resolve("Dockerfile.native");
    private static final Path QUARKUS_APP = SERVICE.resolve("target/quarkus-app");
    /** In target/quarkus-app but not copied, and why: the image writes its own archive; a build listing. */
    private static final Set<String> NOT_COPIED = Set.of("app-cds.jsa", "quarkus-app-dependencies.txt");

    @Test
    void shouldFindEveryCopySourceOfTheJvmImageInTheModuleBuildOutput() throws IOException {
        // built with the service module as its context (the docker build line in the file)
        assertCopySourcesExist(Dockerfile.read(JVM_DOCKERFILE), SERVICE);
    }

    @Test
    void shouldFindEveryCopySourceOfTheNativeImageInTheRepository() throws IOException {
        // built with the repository as its context; COPY --from=build reads the build stage, not the context
        assertCopySourcesExist(Dockerfile.read(NATIVE_DOCKERFILE), REPO);
    }

    @Test
    void shouldCopyEverythingTheFastJarRunsFrom() throws IOException {
        Set<String> copied = new TreeSet<>();
        for (Dockerfile.Instruction copy : Dockerfile.read(JVM_DOCKERFILE).all("COPY")) {
            for (String source : sources(copy)) {
                for (Path p : matches(SERVICE, source)) {
                    copied.add(QUARKUS_APP.relativize(p).toString());
                }
            }
        }
        Set<String> built = new TreeSet<>();
        try (Stream<Path> entries = Files.list(QUARKUS_APP)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> !NOT_COPIED.contains(n)).forEach(built::add);
        }
        assertThat(copied).as("entries of target/quarkus-app copied into the image").isEqualTo(built);
    }

    @Test
    void shouldRunAsANonRootUserBeforeItRunsAnything() throws IOException {
        for (Path file : List.of(JVM_DOCKERFILE, NATIVE_DOCKERFILE)) {
            List<Dockerfile.Instruction> all = Dockerfile.read(file).instructions();
            Dockerfile.Instruction lastUser = all.stream().filter(i -> i.keyword().equals("USER"))
                    .reduce((a, b) -> b).orElseThrow(() -> new AssertionError(file + " sets no USER"));
            assertThat(lastUser.args().get(0)).as(file + ": the user the service runs as").isNotIn("root", "0");
            assertThat(all.indexOf(lastUser)).as(file + ": USER before ENTRYPOINT")
                    .isLessThan(all.indexOf(Dockerfile.read(file).only("ENTRYPOINT")));
        }
    }

    @Test
    void shouldWriteTheArchiveAndStartWithItAndJavaOptsAsTheImageDoes(@TempDir Path root) throws Exception {
        Dockerfile file = Dockerfile.read(JVM_DOCKERFILE);
        // lay the image out: every absolute path of the file is taken under root
        for (Dockerfile.Instruction copy : file.all("COPY")) {
            Path target = under(root, copy.args().get(copy.args().size() - 1));
            for (String source : sources(copy)) {
                for (Path p : matches(SERVICE, source)) {
                    copyInto(p, target);
                }
            }
        }
        Path workdir = under(root, file.only("WORKDIR").args().get(0));
        Map<String, String> env = new LinkedHashMap<>();
        for (Dockerfile.Instruction e : file.all("ENV")) {
            String[] kv = e.rest().split("=", 2);
            env.put(kv[0], unquote(kv[1]).replace("/deployments", root.resolve("deployments").toString()));
        }
        Files.deleteIfExists(workdir.resolve("app-cds.jsa"));

        // RUN: the archive, written by this JDK (on a free port: it starts the application once)
        String run = file.only("RUN").rest().replace("/deployments", root.resolve("deployments").toString());
        Process writer = shell(workdir, env, run, Map.of("QUARKUS_HTTP_PORT", Integer.toString(freePort())),
                root.resolve("archive.log"));
        assertThat(writer.waitFor(180, TimeUnit.SECONDS)).as("archive written within 3 minutes").isTrue();
        assertThat(writer.exitValue()).as("archive command: see " + root.resolve("archive.log")).isZero();
        assertThat(workdir.resolve("app-cds.jsa")).isNotEmptyFile();
        assertThat(Path.of(env.get("SCOREGATE_DATA_DIR"))).as("the RUN step leaves no data behind").doesNotExist();

        // ENTRYPOINT, with JAVA_OPTS: a port of ours (so JAVA_OPTS must reach the JVM for the service to answer
        // there) and the class-loading log, which says where each class came from
        List<String> entrypoint = new ObjectMapper().readerForListOf(String.class)
                .readValue(file.only("ENTRYPOINT").rest());
        assertThat(entrypoint.subList(0, 2)).isEqualTo(List.of("/bin/sh", "-c"));
        int port = freePort();
        Path classLog = root.resolve("class-load.log");
        Process service = shell(workdir, env, entrypoint.get(2), Map.of("JAVA_OPTS",
                "-Dquarkus.http.port=" + port + " -Xlog:class+load=info:file=" + classLog), root.resolve("service.log"));
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            int status = 0;
            while (status != 200 && service.isAlive() && System.nanoTime() < deadline) {
                try {
                    status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException notYet) {
                    Thread.sleep(100); // waiting for a JVM to start
                }
            }
            assertThat(status).as("ready on the JAVA_OPTS port; see " + root.resolve("service.log")).isEqualTo(200);
        } finally {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
        // the service's own classes came from the image's archive (the dynamic, "top" layer)
        try (Stream<String> lines = Files.lines(classLog)) {
            assertThat(lines.filter(l -> l.contains(" io.scoregate.service.") && l.endsWith("source: shared objects file (top)"))
                    .count()).as("io.scoregate classes loaded from app-cds.jsa").isGreaterThan(50);
        }
    }

    private static void assertCopySourcesExist(Dockerfile file, Path context) {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Dockerfile.Instruction copy : file.all("COPY")) {
            if (copy.flag("from").isPresent()) {
                continue;
            }
            for (String source : sources(copy)) {
                checked++;
                if (matches(context, source).isEmpty()) {
                    missing.add(source);
                }
            }
        }
        assertThat(checked).as(file.path() + ": COPY sources checked").isPositive();
        assertThat(missing).as(file.path() + ": COPY sources missing under " + context).isEmpty();
    }

    private static List<String> sources(Dockerfile.Instruction copy) {
        return copy.args().subList(0, copy.args().size() - 1);
    }

    /** The paths a COPY source names: itself, or what its last segment's glob matches. */
    private static List<Path> matches(Path context, String source) {
        Path p = context.resolve(source.endsWith("/") ? source.substring(0, source.length() - 1) : source);
        if (!p.getFileName().toString().contains("*")) {
            return Files.exists(p) ? List.of(p) : List.of();
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + p.getFileName());
        try (Stream<Path> siblings = Files.list(p.getParent())) {
            return siblings.filter(s -> glob.matches(s.getFileName())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Docker's rule: a directory source copies its contents; a file source lands in a destination ending in /. */
    private static void copyInto(Path source, Path destination) throws IOException {
        if (Files.isDirectory(source)) {
            try (Stream<Path> tree = Files.walk(source)) {
                for (Path p : (Iterable<Path>) tree::iterator) {
                    Path to = destination.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                    }
                }
            }
        } else {
            Files.createDirectories(destination);
            Files.copy(source, destination.resolve(source.getFileName()));
        }
    }

    private static Path under(Path root, String absolute) {
        return root.resolve(absolute.replaceFirst("^/+", ""));
    }

    private static String unquote(String v) {
        return v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'")) ? v.substring(1, v.length() - 1) : v;
    }

    private static Process shell(Path dir, Map<String, String> env, String command, Map<String, String> extra, Path log)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().putAll(extra);
        // the java of the JDK that built target/quarkus-app, as the image's java is the image's JDK
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        return pb.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
