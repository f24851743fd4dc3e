package io.scoregate.service.rollout;

import io.scoregate.service.metrics.VersionWindow;
import java.util.Optional;

/**
 * What the guard concluded on one look, with the numbers behind it.
 *
 * @param outcome   the label
 * @param candidate the live candidate looked at, if any
 * @param rule      the breached rule (BREACH only)
 * @param reason    a sentence with the numbers, used in logs, the audit entry and the notification
 * @param candidateWindow the candidate's figures, when looked at
 * @param stableWindow    the stable version's figures, when looked at
 */
public record GuardDecision(Outcome outcome, Optional<String> candidate, Optional<RollbackRule> rule, String reason,
                            Optional<VersionWindow> candidateWindow, Optional<VersionWindow> stableWindow) {

    public enum Outcome {
        /** No candidate takes traffic: nothing to guard. */
        NO_CANDIDATE,
        /** Too few requests since the table changed to judge; the guard may not act yet. */
        INSUFFICIENT_DATA,
        /** Every rule holds. */
        HEALTHY,
        /** A rule is broken: roll the candidate back. */
        BREACH
    }

    public boolean breached() {
        return outcome == Outcome.BREACH;
    }
}
