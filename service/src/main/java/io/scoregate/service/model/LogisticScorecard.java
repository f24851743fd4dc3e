package io.scoregate.service.model;

/**
 * Logistic scorecard: log-odds = intercept + sum(coefficient_i * x_i). Attribution is relative to a
 * reference applicant (the training means): contribution_i = coefficient_i * (x_i - reference_i) and
 * bias = intercept + sum(coefficient_i * reference_i), so a feature at its reference value explains nothing.
 */
public final class LogisticScorecard implements LogOddsModel {

    private final double intercept;
    private final double[] coefficients;
    private final double[] references;
    private final double bias;

    public LogisticScorecard(double intercept, double[] coefficients, double[] references) {
        if (coefficients.length != references.length) {
            throw new IllegalArgumentException("coefficients (" + coefficients.length + ") and references ("
                    + references.length + ") must have the same length");
        }
        this.intercept = intercept;
        this.coefficients = coefficients.clone();
        this.references = references.clone();
        double b = intercept;
        for (int i = 0; i < coefficients.length; i++) {
            b += coefficients[i] * references[i];
        }
        this.bias = b;
    }

    @Override
    public Attribution attribute(double[] x) {
        double logOdds = intercept;
        double[] contributions = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            logOdds += coefficients[i] * x[i];
            contributions[i] = coefficients[i] * (x[i] - references[i]);
        }
        return new Attribution(logOdds, bias, contributions);
    }
}
