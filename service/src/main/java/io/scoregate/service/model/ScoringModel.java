package io.scoregate.service.model;

import java.util.ArrayList;
import java.util.Comparator;
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

    public ModelScore score(LoanApplication application) {
        double[] x = extractor.extract(application);
        Attribution a = model.attribute(x);
        double pd = ScoreScale.probability(a.logOdds());
        return new ModelScore(version, pd, ScoreScale.fromLogOdds(a.logOdds()), RiskBand.of(pd),
                topReasons(a.contributions()));
    }

    /** Attribution for tests and explanations: the raw log-odds split. */
    public Attribution attribute(LoanApplication application) {
        return model.attribute(extractor.extract(application));
    }

    /** The {@value #REASON_CODES} largest contributions by magnitude; features that contributed 0 are left out. */
    private List<ReasonCode> topReasons(double[] contributions) {
        List<ReasonCode> all = new ArrayList<>(contributions.length);
        for (int i = 0; i < contributions.length; i++) {
            if (contributions[i] != 0.0) {
                all.add(new ReasonCode(extractor.name(i), Math.round(contributions[i] * 1e4) / 1e4));
            }
        }
        all.sort(Comparator.comparingDouble((ReasonCode r) -> -Math.abs(r.contribution())));
        return List.copyOf(all.subList(0, Math.min(REASON_CODES, all.size())));
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
