package io.scoregate.gate.analyze;

import java.time.Instant;
import java.util.List;

/**
 * One dimension value and how much of the degradation it explains.
 *
 * @param score             attributable fraction after stratification: support x (1 - 1/adjustedRiskRatio)
 * @param crudeScore        the same with the crude risk ratio (what a per-value comparison alone shows)
 * @param riskRatio         degraded rate inside the value / outside it, after the change point
 * @param adjustedRiskRatio the smallest Mantel-Haenszel risk ratio over the other dimensions
 * @param support           share of the degraded requests that carry this value (MacroBase support)
 * @param baselineShare     share of this value among all other requests (BubbleUp's baseline)
 * @param changeShare       share of the degraded requests new in this incident (beyond each value's own
 *                          rate before it) that this value carries; the score never exceeds it, so a value
 *                          already as degraded before the change is not its cause
 * @param explainedBy       the dimension that makes the effect vanish when held fixed; empty when none
 * @param inseparableFrom   values of other dimensions that always travel with this one ("lenderId=L7");
 *                          the log cannot tell them apart
 */
public record Suspect(int rank, String dimension, String value, double score, double crudeScore, double riskRatio,
                      double adjustedRiskRatio, double support, double baselineShare, double changeShare,
                      List<String> explainedBy,
                      List<String> inseparableFrom, List<Control> controls, GroupStats insideBefore,
                      GroupStats insideAfter, GroupStats outsideBefore, GroupStats outsideAfter, Instant firstSeen) {

    public Suspect {
        explainedBy = List.copyOf(explainedBy);
        inseparableFrom = List.copyOf(inseparableFrom);
        controls = List.copyOf(controls);
    }

    public String label() {
        return dimension + "=" + value;
    }

    Suspect withRank(int r) {
        return new Suspect(r, dimension, value, score, crudeScore, riskRatio, adjustedRiskRatio, support,
                baselineShare, changeShare, explainedBy, inseparableFrom, controls, insideBefore, insideAfter, outsideBefore,
                outsideAfter, firstSeen);
    }
}
