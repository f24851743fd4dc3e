package io.scoregate.gate.judge;

import io.scoregate.gate.stats.ShiftTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The judge's answer: the verdict, a sentence per reason, every rule's numbers, both arms' summaries,
 * the Mann-Whitney/Hodges-Lehmann shift (context, not a rule), the split check, how many more
 * requests per arm would be needed when the evidence could not tell (0 otherwise), the anytime-valid
 * evidence when the run had any, and how long the missing requests take at the candidate's observed rate.
 */
public record Judgement(Verdict verdict, List<String> reasons, List<MetricResult> metrics, ArmSummary baseline,
                        ArmSummary candidate, Optional<ShiftTest> shift, double splitPValue, long moreRequestsPerArm,
                        Optional<SequentialEvidence> sequential, Optional<Duration> timeToVerdict) {

    public Judgement {
        reasons = List.copyOf(reasons);
        metrics = List.copyOf(metrics);
    }

    public Judgement(Verdict verdict, List<String> reasons, List<MetricResult> metrics, ArmSummary baseline,
                     ArmSummary candidate, Optional<ShiftTest> shift, double splitPValue, long moreRequestsPerArm) {
        this(verdict, reasons, metrics, baseline, candidate, shift, splitPValue, moreRequestsPerArm, Optional.empty(),
                Optional.empty());
    }

    Judgement withMetrics(List<MetricResult> replaced) {
        return new Judgement(verdict, reasons, replaced, baseline, candidate, shift, splitPValue, moreRequestsPerArm,
                sequential, timeToVerdict);
    }

    /** The same judgement with another verdict and reasons, and the evidence it was decided with. */
    Judgement decided(Verdict v, List<String> why, SequentialEvidence evidence, Optional<Duration> eta) {
        return new Judgement(v, why, metrics, baseline, candidate, shift, splitPValue,
                v == Verdict.INCONCLUSIVE ? moreRequestsPerArm : 0, Optional.of(evidence), eta);
    }
}
