package io.scoregate.gate.cli;

import io.scoregate.gate.judge.FinalVerdict;
import io.scoregate.gate.rollout.RollbackProcedure;
import io.scoregate.gate.rollout.RolloutOutcome;
import java.util.Arrays;
import java.util.Optional;

/**
 * The gate's exit codes: CI scripts depend on them, and this is the one place that names them and the one
 * place that maps an outcome to one. "The gate said no" (1, 2, 3) is never the same code as "the tool could
 * not do its job" (4, 5, 70, 130).
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

    // NAME(number) on one line each: ci/validate.sh reads the codes from this file in that form
    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** What the code means, in words a build log can show. */
    public String meaning() {
        return switch (this) {
            case PASS -> "PASS";
            case BLOCK_REGRESSION -> "BLOCK - the candidate regressed";
            case BLOCK_FREEZE -> "BLOCK - promotion is frozen now";
            case INCONCLUSIVE -> "INCONCLUSIVE - the evidence cannot tell, which is never a pass";
            case INVALID_INPUT -> "invalid input; the error above says which";
            case TARGET_UNAVAILABLE -> "the target could not be reached or failed during the run";
            case INTERNAL_ERROR -> "internal error (a bug in the gate, not a verdict)";
            case INTERRUPTED -> "interrupted before it could decide";
        };
    }

    /** Whether the gate decided against the promotion (1, 2, 3), as opposed to passing or failing to decide. */
    public boolean refusesPromotion() {
        return this == BLOCK_REGRESSION || this == BLOCK_FREEZE || this == INCONCLUSIVE;
    }

    /** The exit code with this number, for callers that only see the number (the Maven plugin). */
    public static Optional<ExitCode> of(int code) {
        return Arrays.stream(values()).filter(e -> e.code == code).findFirst();
    }

    /** {@code judge} and {@code compare}: a freeze is its own BLOCK. */
    public static ExitCode of(FinalVerdict v) {
        if (v.frozen()) {
            return BLOCK_FREEZE;
        }
        return switch (v.verdict()) {
            case PASS -> PASS;
            case BLOCK -> BLOCK_REGRESSION;
            case INCONCLUSIVE -> INCONCLUSIVE;
        };
    }

    /** {@code rollout}. */
    public static ExitCode of(RolloutOutcome.End end) {
        return switch (end) {
            case PROMOTED, ALREADY_STABLE -> PASS;
            case ROLLED_BACK_REGRESSION -> BLOCK_REGRESSION;
            case ROLLED_BACK_FREEZE, FROZEN_BEFORE_START -> BLOCK_FREEZE;
            case ROLLED_BACK_INCONCLUSIVE, ROLLED_BACK_ON_REQUEST -> INCONCLUSIVE;
            case REFUSED -> INVALID_INPUT;
            case FAILED -> TARGET_UNAVAILABLE;
        };
    }

    /** {@code rollback}: recovery not confirmed is inconclusive, an instance that did not follow is unavailable. */
    public static ExitCode of(RollbackProcedure.End end) {
        return switch (end) {
            case RECOVERED -> PASS;
            case UNVERIFIED -> INCONCLUSIVE;
            case NOT_PROPAGATED, FAILED -> TARGET_UNAVAILABLE;
        };
    }
}
