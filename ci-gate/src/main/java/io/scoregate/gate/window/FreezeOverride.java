package io.scoregate.gate.window;

import java.util.Optional;

/** A named person's decision to promote during a freeze, with the reason (and ticket) recorded in every report. */
public record FreezeOverride(String approver, String reason, Optional<String> ticket) {

    public FreezeOverride {
        if (approver.isBlank()) {
            throw new IllegalArgumentException("`--override-approver` must name a person, but was blank");
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("`--override-reason` must say why, but was blank");
        }
        ticket = ticket.filter(t -> !t.isBlank());
    }
}
