package io.scoregate.service.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.scoregate.service.routing.RoutingAuditEntry;
import java.util.List;

/** GET /admin/routing/audit: the newest entries first. */
// Serialized by Jackson.
@RegisterForReflection
public record AdminRoutingAuditView(String store, List<RoutingAuditEntry> entries) {
}
