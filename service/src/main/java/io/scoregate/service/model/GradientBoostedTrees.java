package io.scoregate.service.model;

import java.util.List;

/**
 * Gradient-boosted tree ensemble: log-odds = baseLogOdds + sum of the trees' leaf values. Attribution is
 * Saabas' path method: walking each tree from root to leaf, the change in node value at a split is credited
 * to the split's feature, so bias = baseLogOdds + sum(root values) and the contributions add up exactly.
 * Cost per request: one root-to-leaf walk per tree (depth comparisons each).
 */
public final class GradientBoostedTrees implements LogOddsModel {

    private final double baseLogOdds;
    private final RegressionTree[] trees;
    private final int featureCount;
    private final double bias;

    public GradientBoostedTrees(double baseLogOdds, List<RegressionTree> trees, int featureCount) {
        this.baseLogOdds = baseLogOdds;
        this.trees = trees.toArray(RegressionTree[]::new);
        this.featureCount = featureCount;
        double b = baseLogOdds;
        for (RegressionTree t : this.trees) {
            b += t.rootValue();
        }
        this.bias = b;
    }

    @Override
    public Attribution attribute(double[] x) {
        double[] contributions = new double[featureCount];
        double logOdds = baseLogOdds;
        for (RegressionTree t : trees) {
            logOdds += t.walk(x, contributions);
        }
        return new Attribution(logOdds, bias, contributions);
    }

    public int treeCount() {
        return trees.length;
    }
}
