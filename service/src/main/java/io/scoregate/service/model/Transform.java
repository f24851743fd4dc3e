package io.scoregate.service.model;

import java.util.Arrays;
import java.util.Optional;

/** How a feature is computed from an application field; the names are the artifact's {@code transform} values. */
public enum Transform {
    /** The field's value ({@code missing} when absent). */
    IDENTITY("identity"),
    /**
     * ln(1 + value): for counts and amounts with long right tails. Not finite at value <= -1, which only a
     * {@code missing} can reach: the parser refuses that.
     */
    LOG1P("log1p"),
    /**
     * value / (per + 1): the +1 keeps a zero denominator (no revenue yet) finite. Only a {@code missing} of -1 on an
     * optional {@code per} could still make it 0: the parser refuses that.
     */
    RATIO("ratio"),
    /** 1 when the field's text equals {@code equals}, else 0 (one-hot encoding of the sector). */
    EQUALS("equals"),
    /** 1 when the optional field is absent, else 0. */
    MISSING("missing");

    private final String artifactName;

    Transform(String artifactName) {
        this.artifactName = artifactName;
    }

    public String artifactName() {
        return artifactName;
    }

    public static Optional<Transform> byArtifactName(String name) {
        return Arrays.stream(values()).filter(t -> t.artifactName.equals(name)).findFirst();
    }
}
