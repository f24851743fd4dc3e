package io.scoregate.gate.judge;

import io.scoregate.gate.stats.Interval;

/**
 * What a classifier measured for one rule, before the judge applies the multiple-testing correction:
 * the estimate, the one-sided p-value of "past the limit", bounds at any level, and a sample-size rule.
 */
public record Measurement(Rule rule, double estimate, double threshold, double pValue, String test, Bounds bounds,
                          SampleSizer sampleSizer) {

    /** Both one-sided bounds at confidence 1 - alpha each. */
    @FunctionalInterface
    public interface Bounds {
        Interval at(double oneSidedAlpha);
    }

    /** Requests per arm a test at {@code alpha} needs to tell this metric from its limit with {@code power}. */
    @FunctionalInterface
    public interface SampleSizer {
        long perArm(double alpha, double power);
    }
}
