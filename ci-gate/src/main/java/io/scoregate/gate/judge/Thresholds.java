package io.scoregate.gate.judge;

/**
 * The limits the candidate must stay under. Defaults are the incident write-up's rollback triggers
 * (mean 2x, p95 +50%, timeouts 5%, errors 2%) plus limits on the increase over the baseline's rates, so a
 * zero-error baseline against a candidate with errors is judged on the difference, not a ratio of zero.
 *
 * @param meanLatencyRatio    BLOCK when candidate mean / baseline mean is above this
 * @param p95LatencyRatio     BLOCK when candidate p95 / baseline p95 is above this
 * @param timeoutRate         BLOCK when the candidate's timeout rate is above this (0..1)
 * @param errorRate           BLOCK when the candidate's error rate is above this (0..1)
 * @param timeoutRateIncrease BLOCK when candidate minus baseline timeout rate is above this (0..1)
 * @param errorRateIncrease   BLOCK when candidate minus baseline error rate is above this (0..1)
 */
public record Thresholds(double meanLatencyRatio, double p95LatencyRatio, double timeoutRate, double errorRate,
                         double timeoutRateIncrease, double errorRateIncrease) {

    public static final Thresholds DEFAULT = new Thresholds(2.0, 1.5, 0.05, 0.02, 0.01, 0.01);
}
