package io.scoregate.service.model;

import java.util.List;
import java.util.Map;

/**
 * A loaded model version: its feature extractor plus one family's log-odds model. Probability of default,
 * score, band and reason codes all come from the same attribution, so the reason codes explain exactly the
 * number the lender sees.
 */
public final class ScoringModel {

    static final int REASON_CODES = 3;

    private final String version;
    private final ModelFamily family;
    private final FeatureExtractor extractor;
    private final LogOddsModel model;
    private final Map<String, Object> metadata;

    public ScoringModel(String version, ModelFamily family, FeatureExtractor extractor, LogOddsModel model,
                        Map<String, Object> metadata) {
        this.version = version;
        this.family = family;
        this.extractor = extractor;
        this.model = model;
        this.metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }

    /**
     * Scores one application. Throws {@link NonFiniteScoreException} rather than return a score built on a NaN or an
     * infinity: every feature, the log-odds, the PD and every contribution is checked (a few comparisons, no
     * allocation unless it fails; the score and band derive from the checked log-odds and PD).
     */
    public ModelScore score(LoanApplication application) {
        double[] x = extractor.extract(application);
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new NonFiniteScoreException(version, "feature '" + extractor.name(i) + "'", x[i]);
            }
        }
        Attribution a = model.attribute(x);
        double logOdds = a.logOdds();
        if (!Double.isFinite(logOdds)) {
            throw new NonFiniteScoreException(version, "the log-odds", logOdds);
        }
        double pd = ScoreScale.probability(logOdds);
        if (!(pd >= 0.0 && pd <= 1.0)) { // false for NaN too
            throw new NonFiniteScoreException(version, "the probability of default", pd);
        }
        return new ModelScore(version, pd, ScoreScale.fromLogOdds(logOdds), RiskBand.of(pd),
                topReasons(a.contributions()));
    }

    /** Attribution for tests and explanations: the raw log-odds split. */
    public Attribution attribute(LoanApplication application) {
        return model.attribute(extractor.extract(application));
    }

    /**
     * The {@value #REASON_CODES} largest contributions by magnitude, largest first; features that contributed 0
     * are left out, and ties keep the feature-spec order. A selection into {@value #REASON_CODES} slots: this runs
     * on every request, and sorting every feature would cost more than the model.
     */
    private List<ReasonCode> topReasons(double[] contributions) {
        int[] top = new int[REASON_CODES];
        int n = 0;
        for (int i = 0; i < contributions.length; i++) {
            double magnitude = Math.abs(contributions[i]);
            if (!(magnitude <= Double.MAX_VALUE)) { // NaN or infinite: every contribution, not only the top ones
                throw new NonFiniteScoreException(version, "the contribution of feature '" + extractor.name(i) + "'",
                        contributions[i]);
            }
            if (magnitude == 0.0) {
                continue;
            }
            int slot = n;
            while (slot > 0 && Math.abs(contributions[top[slot - 1]]) < magnitude) {
                slot--;
            }
            if (slot < REASON_CODES) {
                System.arraycopy(top, slot, top, slot + 1, Math.min(n, REASON_CODES - 1) - slot);
                top[slot] = i;
                n = Math.min(n + 1, REASON_CODES);
            }
        }
        ReasonCode[] reasons = new ReasonCode[n];
        for (int k = 0; k < n; k++) {
            int i = top[k];
            reasons[k] = new ReasonCode(extractor.name(i), Math.round(contributions[i] * 1e4) / 1e4);
        }
        return List.of(reasons);
    }

    public String version() {
        return version;
    }

    public ModelFamily family() {
        return family;
    }

    public Map<String, Object> metadata() {
        return metadata;
    }
}
