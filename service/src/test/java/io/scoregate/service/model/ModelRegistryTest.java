package io.scoregate.service.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.scoregate.service.config.ModelsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    @TempDir
    Path dir;

    static ModelsConfig config(List<String> shipped, Optional<Path> dir) {
        return new ModelsConfig() {
            @Override
            public List<String> shipped() {
                return shipped;
            }

            @Override
            public Optional<Path> dir() {
                return dir;
            }
        };
    }

    @Test
    void shouldLoadTheShippedVersions() {
        ModelRegistry registry = new ModelRegistry(config(List.of("v1.2", "v1.3"), Optional.empty()));
        assertThat(registry.loadedVersions()).containsExactly("v1.2", "v1.3");
        assertThat(registry.failedVersions()).isEmpty();
    }

    @Test
    void shouldReportAMissingShippedArtifactAndServeTheOthers() {
        ModelRegistry registry = new ModelRegistry(config(List.of("v1.2", "v1.1"), Optional.empty()));
        assertThat(registry.loadedVersions()).containsExactly("v1.2");
        assertThat(registry.failedVersions()).containsOnlyKeys("v1.1");
        assertThat(registry.failedVersions().get("v1.1")).contains("models/v1.1.json is missing");
        assertThat(registry.find("v1.1")).isEmpty();
    }

    @Test
    void shouldAddVersionsFromTheExternalDirectory() throws Exception {
        Files.writeString(dir.resolve("v1.4.json"), LogisticScorecardTest.SCORECARD.replace("t-lr", "v1.4"));
        ModelRegistry registry = new ModelRegistry(config(List.of("v1.2"), Optional.of(dir)));
        assertThat(registry.loadedVersions()).containsExactly("v1.2", "v1.4");
        assertThat(registry.find("v1.4").orElseThrow().family()).isEqualTo(ModelFamily.LOGISTIC_SCORECARD);
    }

    @Test
    void shouldRefuseAFileWhoseIdDisagreesWithItsName() throws Exception {
        Files.writeString(dir.resolve("v1.5.json"), LogisticScorecardTest.SCORECARD.replace("t-lr", "v1.2"));
        ModelRegistry registry = new ModelRegistry(config(List.of(), Optional.of(dir)));
        assertThat(registry.loadedVersions()).isEmpty();
        assertThat(registry.failedVersions().get("v1.5")).contains("has id 'v1.2'; the file must be named v1.2.json");
    }

    @Test
    void shouldFailAShippedVersionWhoseExternalReplacementIsBroken() throws Exception {
        // the operator meant to replace v1.2; serving the old one silently would hide the mistake
        Files.writeString(dir.resolve("v1.2.json"), "{ not json");
        ModelRegistry registry = new ModelRegistry(config(List.of("v1.2", "v1.3"), Optional.of(dir)));
        assertThat(registry.loadedVersions()).containsExactly("v1.3");
        assertThat(registry.failedVersions().get("v1.2")).contains("not valid JSON");
    }
}
