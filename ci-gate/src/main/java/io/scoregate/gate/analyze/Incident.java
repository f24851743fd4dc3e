package io.scoregate.gate.analyze;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One thing that went wrong: when it started, which signals moved (the first is the one whose change point
 * starts it), how strong the evidence is, and its own ranked suspects, compared inside its own window
 * against the segment just before it.
 *
 * @param number           1, 2, ... in time order
 * @param startedAt        the first request of the slot where it started; empty when no degradation
 * @param endedAt          when the signal improved again (a recovery); empty when it lasted to the end of
 *                         the log
 * @param levelBefore      the first signal's level in the segment before: geometric mean ms for latency,
 *                         a share for rates (NaN for the hint)
 * @param levelAfter       the same in the incident's first segment
 * @param statistic        the standardized change between the two segments
 * @param slowThresholdMs  latency above which a request counts as slow (the baseline's 99th percentile)
 * @param before           the baseline segment's requests
 * @param after            the incident's requests
 * @param primaryDimension every value of the primary suspect's dimension in the incident's window
 */
public record Incident(int number, List<Signal> signals, Optional<Instant> startedAt, Optional<Instant> endedAt,
                       double levelBefore, double levelAfter, double statistic, EvidenceStrength strength,
                       String strengthReason, double slowThresholdMs, GroupStats before, GroupStats after,
                       List<Suspect> suspects, List<NotCorrelated> notCorrelated,
                       List<ValueStats> primaryDimension) {

    public Incident {
        signals = List.copyOf(signals);
        suspects = List.copyOf(suspects);
        notCorrelated = List.copyOf(notCorrelated);
        primaryDimension = List.copyOf(primaryDimension);
    }

    /** The signal whose change point started it. */
    public Signal signal() {
        return signals.get(0);
    }

    /**
     * The first suspect that is not explained by another dimension, when there is a degradation at all; with
     * no worsening there is nothing to be the cause of.
     */
    public Optional<Suspect> primary() {
        if (strength == EvidenceStrength.NONE) {
            return Optional.empty();
        }
        return suspects.stream().filter(s -> s.explainedBy().isEmpty() && s.score() > 0).findFirst();
    }

    Incident renumbered(int n, List<Signal> allSignals, Optional<Instant> end) {
        return new Incident(n, allSignals, startedAt, end, levelBefore, levelAfter, statistic, strength,
                strengthReason, slowThresholdMs, before, after, suspects, notCorrelated, primaryDimension);
    }
}
