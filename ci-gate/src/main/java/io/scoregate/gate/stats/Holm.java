package io.scoregate.gate.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down correction: controls the chance of any false rejection across the family at alpha
 * (like Bonferroni) while rejecting at least as often. Adjusted p_(i) = max over j <= i of
 * min(1, (m - j + 1) p_(j)); reject where adjusted <= alpha.
 */
public final class Holm {

    private Holm() {
    }

    public static double[] adjust(double[] pValues) {
        int m = pValues.length;
        Integer[] order = ascending(pValues);
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * pValues[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }

    /** The level each test is compared at in the step-down: alpha / (m - rank), rank 0 for the smallest p. */
    public static double[] stepLevels(double[] pValues, double alpha) {
        int m = pValues.length;
        Integer[] order = ascending(pValues);
        double[] levels = new double[m];
        for (int rank = 0; rank < m; rank++) {
            levels[order[rank]] = alpha / (m - rank);
        }
        return levels;
    }

    /** Indices of the p-values from smallest to largest (stable, so ties keep rule order). */
    private static Integer[] ascending(double[] pValues) {
        Integer[] order = new Integer[pValues.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        return order;
    }
}
