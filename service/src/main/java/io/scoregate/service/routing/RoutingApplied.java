package io.scoregate.service.routing;

/** CDI event: this instance now routes by {@code table} (metrics and health listen). */
public record RoutingApplied(RoutingTable table) {
}
