package io.scoregate.gate.judge;

import io.scoregate.gate.stats.QuantileRatio;
import java.util.Optional;

/**
 * Candidate p95 / baseline p95 with an order-statistic interval. This is the rule Mann-Whitney alone
 * misses: a tail that doubles while the median stays.
 */
public final class P95LatencyRatioClassifier implements MetricClassifier {

    static final double P = 0.95;

    @Override
    public Optional<Measurement> measure(Arm baseline, Arm candidate, Policy policy) {
        if (!LogRatioClassifier.measurable(baseline) || !LogRatioClassifier.measurable(candidate)
                || baseline.latencies().quantile(P) <= 0) {
            return Optional.empty();
        }
        return Optional.of(LogRatioClassifier.measurement(Rule.P95_LATENCY_RATIO,
                QuantileRatio.of(baseline.latencies(), candidate.latencies(), P), policy.thresholds().p95LatencyRatio(),
                policy.detectableFactor(), "one-sided z on log(p95 ratio), SE from binomial order-statistic intervals"));
    }
}
