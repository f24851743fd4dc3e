package io.scoregate.service.health;

import java.util.List;

/** A version's health: UP or not, and why not (empty when UP). */
public record VersionVerdict(boolean up, List<String> reasons) {

    public VersionVerdict {
        reasons = List.copyOf(reasons);
    }
}
