package io.scoregate.service.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The structural rules every table obeys, wherever it comes from (an admin request, a file, Redis):
 * weights name exactly the stable version and the candidate, each is 0..100, and they sum to 100.
 */
public final class RoutingTableRules {

    private RoutingTableRules() {
    }

    /** Every broken rule, as a sentence; empty when the table is valid. */
    public static List<String> problemsOf(RoutingTable table) {
        List<String> problems = new ArrayList<>();
        if (table.revision() < 1) {
            problems.add("`revision` must be at least 1, but was " + table.revision());
        }
        if (table.stable() == null || table.stable().isBlank()) {
            problems.add("`stable` is required");
        }
        if (table.candidate() == null || table.weights() == null || table.updatedAt() == null
                || table.updatedBy() == null || table.reason() == null) {
            problems.add("`candidate`, `weights`, `updatedAt`, `updatedBy` and `reason` are required");
            return problems;
        }
        problems.addAll(weightProblems(table.stable(), table.candidate().orElse(null), table.weights()));
        return problems;
    }

    /** The weight rules alone, shared with the admin API's validation. */
    public static List<String> weightProblems(String stable, String candidate, Map<String, Integer> weights) {
        List<String> problems = new ArrayList<>();
        if (stable != null && stable.equals(candidate)) {
            problems.add("`candidate` must differ from `stable`, but both were " + stable);
        }
        int sum = 0;
        for (var e : weights.entrySet()) {
            Integer w = e.getValue();
            if (!e.getKey().equals(stable) && !e.getKey().equals(candidate)) {
                problems.add("`weights` may only name the stable and candidate versions, but named " + e.getKey());
            }
            if (w == null || w < 0 || w > 100) {
                problems.add("`weights." + e.getKey() + "` must be between 0 and 100, but was " + w);
            } else {
                sum += w;
            }
        }
        if (stable != null && !weights.containsKey(stable)) {
            problems.add("`weights` must give the stable version " + stable + " a weight");
        }
        if (candidate != null && !weights.containsKey(candidate)) {
            problems.add("`weights` must give the candidate version " + candidate + " a weight");
        }
        if (sum != 100) {
            problems.add("`weights` must sum to 100, but summed to " + sum);
        }
        return problems;
    }
}
