package io.scoregate.service.model;

/**
 * A model's log-odds of default for one feature vector, split into a bias and one additive contribution
 * per feature: {@code logOdds == bias + sum(contributions)} (up to rounding).
 */
public record Attribution(double logOdds, double bias, double[] contributions) {
}
