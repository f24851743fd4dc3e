package io.scoregate.gate.analyze;

/** How far the log supports the answer, said plainly in every report. */
public enum EvidenceStrength {
    /** A large standardized change with enough requests on both sides. */
    STRONG,
    /** A clear change, but few requests on one side or a smaller change. */
    MODERATE,
    /** The best split is not clearly better than chance: the ranking is a hint, not a finding. */
    WEAK,
    /** No worsening over time was found. */
    NONE
}
