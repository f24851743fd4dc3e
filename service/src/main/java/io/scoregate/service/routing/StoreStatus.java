package io.scoregate.service.routing;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Optional;

/**
 * What this instance knows about its routing store, for health and the admin API.
 *
 * @param kind          file or redis
 * @param state         the outcome of the last attempt
 * @param detail        the error of the last failed attempt, empty when UP
 * @param since         when the store entered this state
 * @param lastSuccessAt the last successful read or write, empty if none yet
 */
@RegisterForReflection
public record StoreStatus(String kind, StoreState state, Optional<String> detail, Instant since,
                          Optional<Instant> lastSuccessAt) {
}
