package io.scoregate.gate.judge;

import io.scoregate.gate.stats.ShiftTest;
import java.util.List;
import java.util.Optional;

/**
 * The judge's answer: the verdict, a sentence per reason, every rule's numbers, both arms' summaries,
 * the Mann-Whitney/Hodges-Lehmann shift (context, not a rule), the split check, and how many more
 * requests per arm would be needed when the evidence could not tell (0 otherwise).
 */
public record Judgement(Verdict verdict, List<String> reasons, List<MetricResult> metrics, ArmSummary baseline,
                        ArmSummary candidate, Optional<ShiftTest> shift, double splitPValue, long moreRequestsPerArm) {

    public Judgement {
        reasons = List.copyOf(reasons);
        metrics = List.copyOf(metrics);
    }
}
