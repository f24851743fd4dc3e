package io.scoregate.gate.judge;

import io.scoregate.evidence.RuleEvidence;
import io.scoregate.evidence.SequentialLimits;
import io.scoregate.evidence.SequentialMonitor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The anytime-valid evidence of a run as it stood at its last look: every sequential rule's e-value against its
 * threshold, the first crossing (if any), and the candidate's observed request rate, from which "how long until
 * a verdict" is estimated.
 *
 * @param rules              each sequential rule's evidence
 * @param crossing           the first rule whose evidence reached its threshold, with the candidate requests then
 * @param candidateRequests  candidate requests counted
 * @param candidatePerSecond the candidate's observed rate; empty when the run has no time span yet
 */
public record SequentialEvidence(List<RuleEvidence> rules, Optional<SequentialMonitor.Crossing> crossing,
                                 long candidateRequests, OptionalDouble candidatePerSecond) {

    public SequentialEvidence {
        rules = List.copyOf(rules);
    }

    public static SequentialEvidence of(SequentialMonitor monitor, OptionalDouble candidatePerSecond) {
        return new SequentialEvidence(monitor.evidence(), monitor.firstCrossing(), monitor.candidateRequests(),
                candidatePerSecond);
    }

    public boolean crossed() {
        return crossing.isPresent();
    }

    /** The rules whose evidence crossed, each as one sentence. */
    public List<String> crossedReasons() {
        return rules.stream().filter(RuleEvidence::crossed)
                .map(r -> "Candidate " + r.describe() + ": the anytime-valid evidence crossed its threshold.").toList();
    }

    /** How long {@code requests} more candidate requests take at the observed rate. */
    public Optional<Duration> timeFor(long requests) {
        if (candidatePerSecond.isEmpty() || candidatePerSecond.getAsDouble() <= 0 || requests <= 0) {
            return Optional.empty();
        }
        double seconds = requests / candidatePerSecond.getAsDouble();
        return seconds > Duration.ofDays(3650).toSeconds() ? Optional.empty()
                : Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    /** The monitor's limits for a policy: the same alpha and limits as the fixed-sample rules. */
    public static SequentialLimits limitsOf(Policy policy) {
        var t = policy.thresholds();
        return new SequentialLimits(policy.alpha(), t.timeoutRate(), t.errorRate(), t.p95LatencyRatio());
    }
}
