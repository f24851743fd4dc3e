package io.scoregate.service.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A feature that moved this applicant's score, and by how much in log-odds of default: positive raised
 * the probability of default, negative lowered it.
 */
@RegisterForReflection // serialized by Jackson in responses; native image needs its accessors
public record ReasonCode(String feature, double contribution) {
}
