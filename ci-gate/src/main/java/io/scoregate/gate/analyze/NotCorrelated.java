package io.scoregate.gate.analyze;

/** A dimension none of whose values explains the degradation, with the numbers that show it. */
public record NotCorrelated(String dimension, String reason, double maxScore) {
}
