package io.scoregate.gate.stats;

/**
 * Result of the Mann-Whitney / Hodges-Lehmann comparison: U of the candidate, the tie-corrected z, the
 * two-sided and "candidate slower" one-sided p-values, and the Hodges-Lehmann shift (ms, candidate minus
 * baseline) with its distribution-free confidence interval.
 */
public record ShiftTest(double u, double z, double pTwoSided, double pCandidateSlower, double shift,
                        Interval shiftInterval) {
}
