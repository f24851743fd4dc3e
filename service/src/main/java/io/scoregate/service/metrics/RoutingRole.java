package io.scoregate.service.metrics;

import io.scoregate.service.routing.RoutingTable;

/**
 * A version's place in the routing table, the {@code role} tag of {@code scoregate_routing_role}: the alert
 * rules compare the candidate with the stable version, which weights alone cannot tell apart (at 50/50).
 */
public enum RoutingRole {
    STABLE("stable"),
    CANDIDATE("candidate"),
    /** Loaded, but named by neither field of the table (reachable only by pinning). */
    NONE("none");

    private final String tag;

    RoutingRole(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    public static RoutingRole of(RoutingTable table, String version) {
        if (table.stable().equals(version)) {
            return STABLE;
        }
        return table.candidate().filter(version::equals).isPresent() ? CANDIDATE : NONE;
    }
}
