package io.scoregate.service.model;

import java.util.Arrays;
import java.util.Optional;

/** The model families the service can evaluate; the names are the artifact's {@code family} values. */
public enum ModelFamily {
    LOGISTIC_SCORECARD("logistic-scorecard"),
    GRADIENT_BOOSTED_TREES("gradient-boosted-trees");

    private final String artifactName;

    ModelFamily(String artifactName) {
        this.artifactName = artifactName;
    }

    public String artifactName() {
        return artifactName;
    }

    public static Optional<ModelFamily> byArtifactName(String name) {
        return Arrays.stream(values()).filter(f -> f.artifactName.equals(name)).findFirst();
    }
}
