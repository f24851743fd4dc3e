package io.scoregate.gate.analyze;

/**
 * Every threshold of the incident analysis in one place.
 *
 * @param minScore           a value must explain at least this share of the degraded requests (its
 *                           attributable fraction) to be called a suspect; below it in every value, a
 *                           dimension is "not correlated"
 * @param collinearShare     when at least this share of a value's requests sit in strata of another
 *                           dimension that contain nothing else, the two cannot be told apart
 * @param moderateStatistic  standardized change below which a change point is weak evidence
 * @param strongStatistic    standardized change from which it is strong evidence
 * @param moderateRequests   requests needed on each side of the change point for moderate evidence
 * @param strongRequests     requests needed on each side of the change point for strong evidence
 * @param minimumWorsening   the degraded share after the start must exceed the share before by at least
 *                           this many standard errors (two-proportion z), else there is no degradation
 * @param baselineQuantile   a request that did not fail is "slow" above this latency quantile of the
 *                           requests before the change point
 */
public record AnalysisThresholds(double minScore, double collinearShare, double moderateStatistic,
                                 double strongStatistic, long moderateRequests, long strongRequests,
                                 double minimumWorsening, double baselineQuantile) {

    public static final AnalysisThresholds DEFAULTS = new AnalysisThresholds(0.10, 0.95, 3.0, 5.0, 10, 30, 1.0,
            0.99);
}
