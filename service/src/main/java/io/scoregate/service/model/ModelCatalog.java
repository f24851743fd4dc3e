package io.scoregate.service.model;

import java.util.Map;
import java.util.SortedSet;

/** What the routing and health sides need to know about model versions, without depending on scoring. */
public interface ModelCatalog {

    /** Versions whose artifact loaded and that can score requests. */
    SortedSet<String> loadedVersions();

    /** Versions that were configured or found but failed to load, with a one-line reason each. */
    Map<String, String> failedVersions();
}
