package io.scoregate.service.model;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/** PLACEHOLDER owned by the scoring work: the real registry loads artifacts from the models directory. */
@ApplicationScoped
public class ModelRegistry implements ModelCatalog {

    @Override
    public SortedSet<String> loadedVersions() {
        return new TreeSet<>(java.util.List.of("v1.2", "v1.3"));
    }

    @Override
    public Map<String, String> failedVersions() {
        return Map.of();
    }
}
