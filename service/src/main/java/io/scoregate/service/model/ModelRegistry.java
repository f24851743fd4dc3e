package io.scoregate.service.model;

import io.quarkus.runtime.Startup;
import io.scoregate.service.config.ModelsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Loads every model artifact once at startup: the shipped ones from the class path, then the external
 * directory. Each artifact succeeds or fails on its own; a failure is logged at ERROR with its reason and
 * listed in {@link #failedVersions()}, never replaced by a default.
 */
@Startup
@ApplicationScoped
public class ModelRegistry implements ModelCatalog {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final Map<String, ScoringModel> loaded;
    private final Map<String, String> failed;

    public ModelRegistry(ModelsConfig config) {
        Map<String, ScoringModel> ok = new TreeMap<>();
        Map<String, String> bad = new TreeMap<>();
        for (String version : config.shipped()) {
            String resource = "models/" + version + ".json";
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    fail(bad, version, "shipped artifact " + resource + " is missing from the application");
                    continue;
                }
                accept(ok, bad, version, resource, in.readAllBytes());
            } catch (IOException e) {
                fail(bad, version, "cannot read " + resource + ": " + e.getMessage());
            }
        }
        config.dir().ifPresent(dir -> loadDirectory(dir, ok, bad));
        this.loaded = Collections.unmodifiableMap(ok);
        this.failed = Collections.unmodifiableMap(bad);
        LOG.infof("Model versions loaded: %s; failed: %s", loaded.keySet(), failed.keySet());
    }

    private static void loadDirectory(Path dir, Map<String, ScoringModel> ok, Map<String, String> bad) {
        if (!Files.isDirectory(dir)) {
            LOG.errorf("Model directory %s (scoregate.models.dir) does not exist or is not a directory", dir);
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                String version = file.getFileName().toString().replaceFirst("\\.json$", "");
                try {
                    accept(ok, bad, version, file.toString(), Files.readAllBytes(file));
                } catch (IOException e) {
                    fail(bad, version, "cannot read " + file + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.errorf("Cannot list model directory %s: %s", dir, e.getMessage());
        }
    }

    /** The file name names the version; the artifact's id must agree, so a copied file cannot pose as another. */
    private static void accept(Map<String, ScoringModel> ok, Map<String, String> bad, String version, String source,
                               byte[] content) {
        try {
            ScoringModel model = ArtifactParser.parse(content);
            if (!model.version().equals(version)) {
                fail(bad, version, source + " has id '" + model.version() + "'; the file must be named "
                        + model.version() + ".json");
                return;
            }
            ok.put(version, model);
            bad.remove(version);
            LOG.infof("Model %s (%s) loaded from %s", version, model.family().artifactName(), source);
        } catch (InvalidArtifactException e) {
            ok.remove(version);
            fail(bad, version, source + ": " + e.getMessage());
        }
    }

    private static void fail(Map<String, String> bad, String version, String reason) {
        bad.put(version, reason);
        LOG.errorf("Model version %s failed to load and will not serve: %s", version, reason);
    }

    public Optional<ScoringModel> find(String version) {
        return Optional.ofNullable(loaded.get(version));
    }

    @Override
    public SortedSet<String> loadedVersions() {
        return new TreeSet<>(loaded.keySet());
    }

    @Override
    public Map<String, String> failedVersions() {
        return failed;
    }
}
