package io.scoregate.gate.judge;

import io.scoregate.gate.window.FreezeSchedule;

/**
 * Every number the gate decides with, in one place (loaded by {@link PolicyLoader}, defaults here).
 *
 * @param alpha                 family-wise chance of a false BLOCK across all rules (Holm), and the level
 *                              of each rule's "within the limit" upper bound
 * @param power                 wanted chance of catching a candidate at {@code detectableFactor} x a limit;
 *                              used to say how many more requests are needed
 * @param detectableFactor      the regression size (a multiple of a limit) the power refers to
 * @param minRequestsPerArm     below this, a verdict is INCONCLUSIVE whatever the numbers say
 * @param plannedCandidateShare the candidate's planned share of requests (0.5 for compare's interleaving)
 * @param splitAlpha            a split whose chi-square p-value is below this is "far from plan"
 * @param thresholds            the limits
 * @param freeze                the freeze windows
 * @param capacity              the SLO and the allowed capacity loss of {@code compare --capacity}
 */
public record Policy(double alpha, double power, double detectableFactor, int minRequestsPerArm,
                     double plannedCandidateShare, double splitAlpha, Thresholds thresholds, FreezeSchedule freeze,
                     CapacityLimits capacity) {

    public static final Policy DEFAULT = new Policy(0.05, 0.95, 1.25, 200, 0.5, 0.001, Thresholds.DEFAULT,
            FreezeSchedule.DEFAULT, CapacityLimits.DEFAULT);
}
