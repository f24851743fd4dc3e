package io.scoregate.service.routing;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Optional;

/**
 * One accepted routing change, as appended to the audit log (routing-audit.jsonl or the Redis list).
 *
 * @param at       when the store accepted it
 * @param by       who asked for it: the admin caller, or "guard@instance" for an automatic rollback
 * @param instance the instance that wrote it
 * @param from     the table it replaced; empty when it created the first table
 * @param to       the table it installed
 * @param reason   the reason given (for the guard: the rule and the numbers)
 */
// Serialized by Jackson into the audit log and the admin API.
@RegisterForReflection
public record RoutingAuditEntry(Instant at, String by, String instance, Optional<RoutingTable> from, RoutingTable to,
                                String reason) {
}
