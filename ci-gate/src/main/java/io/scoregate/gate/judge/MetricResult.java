package io.scoregate.gate.judge;

/**
 * One rule's numbers and classification, as the reports show them. {@code lower} is a one-sided bound at
 * {@code lowerConfidence} (the Holm step level the rule was tested at); {@code upper} a one-sided bound
 * at {@code upperConfidence} (1 - alpha: the "within the limit" check). NaN where there was no data.
 */
public record MetricResult(Rule rule, double estimate, double lower, double lowerConfidence, double upper,
                           double upperConfidence, double threshold, String test, double pValue,
                           double adjustedPValue, Classification classification, String reason,
                           long requiredPerArm) {

    static MetricResult noData(Rule rule, double threshold, String why) {
        return new MetricResult(rule, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, threshold, "none",
                Double.NaN, Double.NaN, Classification.NO_DATA, rule.label() + ": no data (" + why + ").", 0);
    }
}
