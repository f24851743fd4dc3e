package io.scoregate.gate.rollout;

import java.util.Map;
import java.util.Optional;

/** The body of {@code PUT /admin/routing}. */
public record RoutingChangeRequest(String stable, Optional<String> candidate, Map<String, Integer> weights,
                                   long expectedRevision, String reason) {

    /** The service keeps at most this many characters of a reason (its audit log stays readable). */
    static final int MAX_REASON = 500;

    public RoutingChangeRequest {
        weights = Map.copyOf(weights);
        // a judge's reasons can run long; the full text is in the gate's reports, the table keeps the start
        reason = reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 3) + "...";
    }

    /** Everything on the stable version; the candidate keeps its name with weight 0 so the table shows who left. */
    public static RoutingChangeRequest allOn(String stable, Optional<String> candidate, long expectedRevision,
                                             String reason) {
        var weights = new java.util.HashMap<String, Integer>();
        weights.put(stable, 100);
        candidate.filter(c -> !c.equals(stable)).ifPresent(c -> weights.put(c, 0));
        return new RoutingChangeRequest(stable, candidate.filter(c -> !c.equals(stable)), weights, expectedRevision,
                reason);
    }

    /** The candidate at {@code percent}, the stable version taking the rest. */
    public static RoutingChangeRequest split(String stable, String candidate, int percent, long expectedRevision,
                                             String reason) {
        return new RoutingChangeRequest(stable, Optional.of(candidate),
                Map.of(stable, 100 - percent, candidate, percent), expectedRevision, reason);
    }
}
