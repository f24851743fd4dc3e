package io.scoregate.service.rollout;

import io.scoregate.contract.Outcome;
import io.scoregate.evidence.RuleEvidence;
import java.util.List;
import java.util.Optional;

/**
 * What the guard concluded on one look, with the evidence behind it.
 *
 * @param outcome           the label
 * @param candidate         the live candidate looked at, if any
 * @param rule              the rule whose evidence crossed (BREACH only)
 * @param reason            a sentence with the numbers, used in logs, the audit entry and the notification
 * @param candidateRequests the candidate's requests counted in this canary phase
 * @param evidence          every rule's evidence at this look, in rule order (empty without a candidate)
 */
public record GuardDecision(Outcome outcome, Optional<String> candidate, Optional<RollbackRule> rule, String reason,
                            long candidateRequests, List<RuleEvidence> evidence) {

    public GuardDecision {
        evidence = List.copyOf(evidence);
    }

    public enum Outcome {
        /** No candidate takes traffic: nothing to guard. */
        NO_CANDIDATE,
        /** No rule's evidence has reached its threshold (yet): keep watching. A canary is never "passed" here. */
        WATCHING,
        /** A rule's evidence crossed its threshold: roll the candidate back. */
        BREACH
    }

    public boolean breached() {
        return outcome == Outcome.BREACH;
    }
}
