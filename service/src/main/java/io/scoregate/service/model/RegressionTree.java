package io.scoregate.service.model;

/**
 * One regression tree in flat arrays (node 0 is the root). An internal node sends x to {@code left} when
 * {@code x[feature] < threshold}, else to {@code right}; a leaf has feature -1. Every node carries the
 * value the tree would output if it stopped there, which is what Saabas attribution needs.
 */
public record RegressionTree(int[] feature, double[] threshold, int[] left, int[] right, double[] value) {

    /** Walks x to its leaf, adding each split's value change to that split feature's contribution. */
    public double walk(double[] x, double[] contributions) {
        int node = 0;
        while (feature[node] >= 0) {
            int f = feature[node];
            int next = x[f] < threshold[node] ? left[node] : right[node];
            contributions[f] += value[next] - value[node];
            node = next;
        }
        return value[node];
    }

    public double rootValue() {
        return value[0];
    }
}
