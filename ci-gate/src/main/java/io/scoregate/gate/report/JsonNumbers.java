package io.scoregate.gate.report;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A number in a JSON report: JSON has no NaN or infinity, and a reader must not mistake "no data" for zero, so a
 * number that is not finite is written as {@code null}.
 */
public final class JsonNumbers {

    private JsonNumbers() {
    }

    public static void put(ObjectNode node, String field, double v) {
        if (Double.isFinite(v)) {
            node.put(field, v);
        } else {
            node.putNull(field);
        }
    }

    /** The same, rounded to six decimals (a report's latencies and rates, not their binary noise). */
    public static void putRounded(ObjectNode node, String field, double v) {
        put(node, field, Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v);
    }
}
