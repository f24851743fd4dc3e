package io.scoregate.gate.analyze;

/**
 * A suspect's risk ratio once another dimension is held fixed (Mantel-Haenszel over that dimension's
 * values). {@code informativeShare} is the share of the suspect's requests in strata that also hold other
 * values; near 0 the two dimensions cannot be separated and {@code riskRatio} is NaN.
 */
public record Control(String dimension, double riskRatio, double informativeShare) {
}
