package io.scoregate.gate.judge;

/** The gate's answer for one run. */
public enum Verdict {
    /** Every rule has evidence the candidate is within its limit. */
    PASS,
    /** At least one rule has evidence (Holm-corrected) that the candidate is past its limit, or a freeze. */
    BLOCK,
    /** The evidence cannot tell; never a pass. */
    INCONCLUSIVE
}
