package io.scoregate.gate.judge;

/** What one rule's evidence says. */
public enum Classification {
    /** The upper confidence bound is under the limit. */
    WITHIN,
    /** The Holm-corrected lower confidence bound is over the limit. */
    EXCEEDS,
    /** The interval straddles the limit: more requests needed. */
    UNCLEAR,
    /** Not measurable (no latencies, zero baseline). */
    NO_DATA
}
