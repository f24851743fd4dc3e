package io.scoregate.gate.judge;

import java.util.Optional;

/** One kind of metric: measures its rule from the two arms; empty when the arms hold nothing to measure. */
public interface MetricClassifier {

    Optional<Measurement> measure(Arm baseline, Arm candidate, Policy policy);
}
