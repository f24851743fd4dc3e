package io.scoregate.gate.analyze;

/**
 * Every threshold of the incident analysis in one place.
 *
 * @param minScore               a value must explain at least this share of the degraded requests (its
 *                               attributable fraction) to be called a suspect; below it in every value, a
 *                               dimension is "not correlated"
 * @param collinearShare         when at least this share of a value's requests sit in strata of another
 *                               dimension that contain nothing else, the two cannot be told apart
 * @param moderateStatistic      standardized change below which a change point is weak evidence
 * @param strongStatistic        standardized change from which it is strong evidence
 * @param moderateRequests       requests needed on each side of the change point for moderate evidence
 * @param strongRequests         requests needed on each side of the change point for strong evidence
 * @param minimumWorsening       the degraded share after the start must exceed the share before by at least
 *                               this many standard errors (two-proportion z), else there is no degradation
 * @param baselineQuantile       a request that did not fail is "slow" above this latency quantile of the
 *                               requests before the change point
 * @param falseAlarmRate         the chance of any change point at all in a log where nothing changed
 *                               (independent requests), over the three signals together: sets the
 *                               segmentation's penalty ({@link BinarySegmentation})
 * @param minSegmentObservations a change point needs at least this many observations on each side
 * @param minLatencyRatio        a latency change point is an incident only when the geometric mean latency
 *                               grows by at least this factor (a significant 2% is not an incident)
 * @param minRateRatio           a timeout or error rate change point is an incident only when the rate
 *                               grows by at least this factor ...
 * @param minRateIncrease        ... and by at least this much in absolute terms
 * @param latencyQuantile        in a latency incident a request that did not fail is "slow" above this
 *                               quantile of the segment before it: lower than {@code baselineQuantile}, so that
 *                               a 10% slowdown still leaves enough slow requests to rank the suspects on
 */
public record AnalysisThresholds(double minScore, double collinearShare, double moderateStatistic,
                                 double strongStatistic, long moderateRequests, long strongRequests,
                                 double minimumWorsening, double baselineQuantile, double falseAlarmRate,
                                 double minSegmentObservations, double minLatencyRatio, double minRateRatio,
                                 double minRateIncrease, double latencyQuantile) {

    public static final AnalysisThresholds DEFAULTS = new AnalysisThresholds(0.10, 0.95, 3.0, 5.0, 10, 30, 1.0,
            0.99, 0.05, 30, 1.10, 1.5, 0.001, 0.90);

    /** The same thresholds with another false-alarm rate (tests show what a broken penalty would do). */
    public AnalysisThresholds withFalseAlarmRate(double rate) {
        return new AnalysisThresholds(minScore, collinearShare, moderateStatistic, strongStatistic, moderateRequests,
                strongRequests, minimumWorsening, baselineQuantile, rate, minSegmentObservations, minLatencyRatio,
                minRateRatio, minRateIncrease, latencyQuantile);
    }
}
