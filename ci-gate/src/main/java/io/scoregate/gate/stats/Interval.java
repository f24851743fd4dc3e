package io.scoregate.gate.stats;

/** A confidence interval: bounds and the confidence they were computed at. Bounds may be infinite. */
public record Interval(double lower, double upper, double confidence) {

    public boolean contains(double x) {
        return x >= lower && x <= upper;
    }
}
