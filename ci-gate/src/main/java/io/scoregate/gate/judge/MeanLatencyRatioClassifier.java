package io.scoregate.gate.judge;

import io.scoregate.gate.stats.MeanRatio;
import java.util.Optional;

/** Candidate mean latency / baseline mean latency, delta-method interval on the log scale. */
public final class MeanLatencyRatioClassifier implements MetricClassifier {

    @Override
    public Optional<Measurement> measure(Arm baseline, Arm candidate, Policy policy) {
        if (!LogRatioClassifier.measurable(baseline) || !LogRatioClassifier.measurable(candidate)) {
            return Optional.empty();
        }
        return Optional.of(LogRatioClassifier.measurement(Rule.MEAN_LATENCY_RATIO,
                MeanRatio.of(baseline.latencies(), candidate.latencies()), policy.thresholds().meanLatencyRatio(),
                policy.detectableFactor(), "one-sided z on log(mean ratio), delta-method SE; timeouts at the deadline"));
    }
}
