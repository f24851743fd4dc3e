package io.scoregate.gate.cli;

/**
 * The gate's exit codes: CI scripts depend on them, and this is the one place that names them.
 * "The gate said no" (1, 2, 3) is never the same code as "the tool could not do its job" (4, 5, 70, 130).
 */
public enum ExitCode {
    /** The candidate may be promoted (or, for analyze/window, the command did its job). */
    PASS(0),
    /** BLOCK: the candidate regressed on at least one rule, with statistical evidence. */
    BLOCK_REGRESSION(1),
    /** BLOCK: promotion is frozen now and no override was given. */
    BLOCK_FREEZE(2),
    /** The evidence cannot tell; never a pass. */
    INCONCLUSIVE(3),
    /** Bad flags, policy, or an unreadable log: the user's input must change. */
    INVALID_INPUT(4),
    /** The target could not be reached or failed during the run. */
    TARGET_UNAVAILABLE(5),
    /** A bug in the gate itself (never a verdict): the message says what broke. */
    INTERNAL_ERROR(70),
    /**
     * Stopped by SIGTERM or SIGINT (rollout, rollback, compare) before it could decide: never a verdict. The
     * one line printed says where it left things (for a rollout: the candidate's weight and the table revision
     * as last known). 130 is the shell's code for a Ctrl-C'd command.
     */
    INTERRUPTED(130);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
