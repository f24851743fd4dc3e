package io.scoregate.gate.rollout;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a rollout stands. The allowed transitions are the table below and nothing else; a move outside it is
 * a bug in the driver and throws {@link IllegalTransitionException} naming both states.
 */
public enum RolloutState {
    /** Reading the routing table and deciding whether to start, resume or refuse. */
    STARTING,
    /** Writing the next step's weight to the routing store and waiting for every instance to apply it. */
    SHIFTING,
    /** Holding a step while traffic accumulates, then judging the candidate against the stable version. */
    HOLDING,
    /** Making the candidate the new stable version (100%, no candidate). */
    PROMOTING,
    /** Terminal: the candidate is the stable version. */
    PROMOTED,
    /** Sending 100% back to the stable version. */
    ROLLING_BACK,
    /** Terminal: the candidate has weight 0 and every instance applies that. */
    ROLLED_BACK,
    /** Terminal: stopped without touching the table further (e.g. the store became unreachable). */
    FAILED;

    private static final Map<RolloutState, Set<RolloutState>> ALLOWED = Map.of(
            STARTING, EnumSet.of(SHIFTING, HOLDING, PROMOTING, PROMOTED, ROLLING_BACK, FAILED),
            SHIFTING, EnumSet.of(HOLDING, ROLLING_BACK, FAILED),
            HOLDING, EnumSet.of(HOLDING, SHIFTING, PROMOTING, ROLLING_BACK, FAILED),
            PROMOTING, EnumSet.of(PROMOTED, ROLLING_BACK, FAILED),
            PROMOTED, EnumSet.noneOf(RolloutState.class),
            ROLLING_BACK, EnumSet.of(ROLLED_BACK, FAILED),
            ROLLED_BACK, EnumSet.noneOf(RolloutState.class),
            FAILED, EnumSet.noneOf(RolloutState.class));

    public boolean isTerminal() {
        return ALLOWED.get(this).isEmpty();
    }

    /** The next state, if the table allows it. */
    public RolloutState moveTo(RolloutState next) {
        if (!ALLOWED.get(this).contains(next)) {
            throw new IllegalTransitionException(this, next);
        }
        return next;
    }

    /** A move the transition table does not allow. */
    public static final class IllegalTransitionException extends IllegalStateException {
        public IllegalTransitionException(RolloutState from, RolloutState to) {
            super("a rollout cannot go from " + from + " to " + to);
        }
    }
}
