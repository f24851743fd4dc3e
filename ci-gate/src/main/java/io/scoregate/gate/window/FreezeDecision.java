package io.scoregate.gate.window;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The freeze check at one instant: frozen or not, by which window, until when (the end of the whole
 * frozen stretch, adjacent windows merged), and any override given.
 */
public record FreezeDecision(Instant at, ZoneId zone, boolean frozen, Optional<String> window,
                             Optional<Instant> until, Optional<FreezeOverride> override) {

    /** Frozen and nobody overrode it: the gate blocks without spending load. */
    public boolean blocks() {
        return frozen && override.isEmpty();
    }

    /** Frozen, but an approver overrode it. */
    public boolean overridden() {
        return frozen && override.isPresent();
    }
}
