package io.scoregate.service.model;

/**
 * The credit score scale shared by every model: 600 points at good:bad odds of 30:1, and 40 more points
 * each time the odds double ("points to double the odds", PDO = 40), clamped to 300..850:
 * {@code score = round(600 + 40/ln2 * (ln((1-pd)/pd) - ln 30))} where ln((1-pd)/pd) = -logOdds.
 */
public final class ScoreScale {

    public static final int MIN = 300;
    public static final int MAX = 850;
    static final double ANCHOR_SCORE = 600;
    static final double ANCHOR_ODDS = 30;
    static final double POINTS_TO_DOUBLE_ODDS = 40;

    private ScoreScale() {
    }

    public static int fromLogOdds(double logOddsOfDefault) {
        double points = ANCHOR_SCORE
                + POINTS_TO_DOUBLE_ODDS / Math.log(2) * (-logOddsOfDefault - Math.log(ANCHOR_ODDS));
        return (int) Math.max(MIN, Math.min(MAX, Math.round(points)));
    }

    public static double probability(double logOdds) {
        return 1.0 / (1.0 + Math.exp(-logOdds));
    }
}
