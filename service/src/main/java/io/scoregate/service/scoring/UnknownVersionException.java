package io.scoregate.service.scoring;

import java.util.SortedSet;

/** A pinned version that is not loaded here; carries the versions that are. */
public class UnknownVersionException extends RuntimeException {

    private final String requested;
    private final SortedSet<String> loaded;

    public UnknownVersionException(String requested, SortedSet<String> loaded) {
        super("model version '" + requested + "' is not loaded; loaded versions: " + String.join(", ", loaded),
                null, false, false);
        this.requested = requested;
        this.loaded = loaded;
    }

    public String requested() {
        return requested;
    }

    public SortedSet<String> loaded() {
        return loaded;
    }
}
