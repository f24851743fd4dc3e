package io.scoregate.service.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.scoregate.service.scoring.Decision;
import io.scoregate.service.scoring.FundingDecision;
import io.scoregate.service.scoring.FundingPolicy;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Property tests of the scoring code (issue 10): random valid applications x random artifacts of both families.
 * Whatever the parser accepts must, on every valid application, give finite numbers only: a PD in [0, 1], a score on
 * the scale, at most three reason codes with finite contributions, log-odds and contributions within the bound the
 * parser proved, and a funding decision. Whatever it refuses it must refuse with a message naming a JSON path.
 * <p>
 * Seeded: the base seed is {@value #DEFAULT_SEED} unless {@code -Dscoregate.property.seed=N} says otherwise, and case
 * i uses seed base + i. A failure names its case seed, the artifact and the application; rerun only that case with
 * {@code -Dscoregate.property.case=SEED}.
 */
class ScoringPropertyTest {

    static final long DEFAULT_SEED = 20261201L;
    static final int ARTIFACTS = 3000;
    static final int APPLICATIONS_PER_ARTIFACT = 25;
    static final FundingPolicy POLICY = new FundingPolicy(0.07, 0.20, 5_000_000, 3.0);
    static final Pattern WHERE = Pattern.compile("(features\\[\\d+\\]|parameters|`\\w+`)");

    @Test
    void everyAcceptedArtifactScoresEveryValidApplicationWithFiniteNumbersOnly() {
        long base = Long.getLong("scoregate.property.seed", DEFAULT_SEED);
        Long only = Long.getLong("scoregate.property.case");
        int accepted = 0;
        int scored = 0;
        Map<String, Integer> refusals = new TreeMap<>();
        Map<ModelFamily, Integer> families = new TreeMap<>();
        for (int i = 0; i < (only == null ? ARTIFACTS : 1); i++) {
            long seed = only == null ? base + i : only;
            Random r = new Random(seed);
            String json = RandomModels.artifact(r);
            ScoringModel model;
            try {
                model = ArtifactParser.parse(json.getBytes(StandardCharsets.UTF_8));
            } catch (InvalidArtifactException e) {
                refusals.merge(kind(e.getMessage(), seed, json), 1, Integer::sum);
                continue;
            }
            accepted++;
            families.merge(model.family(), 1, Integer::sum);
            int features = json.split("\"name\"", -1).length - 1;
            for (int k = 0; k < APPLICATIONS_PER_ARTIFACT; k++) {
                LoanApplication application = RandomModels.application(r);
                try {
                    check(model, features, application);
                } catch (Throwable t) {
                    throw new AssertionError("property failed for case seed " + seed + " (rerun just this case with "
                            + "-Dscoregate.property.case=" + seed + ")\nartifact: " + json + "\napplication: "
                            + application + "\n" + t, t);
                }
                scored++;
            }
        }
        System.out.printf("ScoringPropertyTest: base seed %d, %d artifacts accepted %s, %d scored; refused by kind %s%n",
                base, accepted, families, scored, refusals);
        if (only == null) {
            // the generator must exercise both sides: plenty accepted of each family, and every load-time guard hit
            assertThat(families.getOrDefault(ModelFamily.LOGISTIC_SCORECARD, 0)).isGreaterThan(ARTIFACTS / 10);
            assertThat(families.getOrDefault(ModelFamily.GRADIENT_BOOSTED_TREES, 0)).isGreaterThan(ARTIFACTS / 10);
            assertThat(refusals).containsKeys("log1p of missing <= -1", "ratio dividing by zero", "constant out of bounds",
                    "log-odds bound", "contribution bound");
        }
    }

    @Test
    void theShippedModelsScoreEveryValidApplicationWithFiniteNumbersOnly() throws Exception {
        long base = Long.getLong("scoregate.property.seed", DEFAULT_SEED);
        for (String version : new String[] {"v1.2", "v1.3"}) {
            ScoringModel model;
            try (InputStream in = getClass().getResourceAsStream("/models/" + version + ".json")) {
                model = ArtifactParser.parse(in.readAllBytes());
            }
            Random r = new Random(base);
            for (int k = 0; k < 5000; k++) {
                LoanApplication application = RandomModels.application(r);
                try {
                    check(model, 14, application);
                } catch (Throwable t) {
                    throw new AssertionError(version + ", base seed " + base + ", application " + k + ": "
                            + application + "\n" + t, t);
                }
            }
        }
    }

    /**
     * The properties of one score. Plain comparisons rather than AssertJ: this runs some 100,000 times, and an
     * assertion object per property made the test take seconds.
     */
    static void check(ScoringModel model, int features, LoanApplication application) {
        ModelScore s = model.score(application); // throws NonFiniteScoreException if the guard had to step in
        double pd = s.probabilityOfDefault();
        require(pd >= 0.0 && pd <= 1.0, "PD %s is not in [0, 1]", pd);
        require(s.score() >= ScoreScale.MIN && s.score() <= ScoreScale.MAX, "score %s is off the scale", s.score());
        require(s.riskBand() == RiskBand.of(pd), "band %s for PD %s", s.riskBand(), pd);
        Attribution a = model.attribute(application);
        double limit = NumericSafety.MAX_LOG_ODDS * (1 + 1e-9);
        require(Math.abs(a.logOdds()) <= limit, "log-odds %s is past the proven bound", a.logOdds());
        require(Double.isFinite(a.bias()), "bias %s", a.bias());
        int nonZero = 0;
        double sum = 0;
        double scale = Math.abs(a.bias()) + Math.abs(a.logOdds()) + 1;
        for (double c : a.contributions()) {
            require(Math.abs(c) <= limit, "contribution %s is not finite or past the proven bound", c);
            nonZero += c != 0.0 ? 1 : 0;
            sum += c;
            scale += Math.abs(c);
        }
        // the reason codes explain the number the lender sees: bias + contributions = log-odds, up to rounding
        require(Math.abs(a.bias() + sum - a.logOdds()) <= 1e-9 * scale, "bias %s + contributions %s != log-odds %s",
                a.bias(), sum, a.logOdds());
        int expected = Math.min(3, nonZero);
        require(s.reasonCodes().size() == expected && expected <= Math.min(3, features),
                "%s reason codes, expected %s of %s features", s.reasonCodes().size(), expected, features);
        for (ReasonCode rc : s.reasonCodes()) {
            require(Double.isFinite(rc.contribution()), "reason code %s", rc);
        }
        FundingDecision d = POLICY.decide(s, application);
        require(d.approvedAmountKes() >= 0 && d.approvedAmountKes() <= 5_000_000, "approved %s", d.approvedAmountKes());
        require(d.approvedAmountKes() > 0 == (d.decision() == Decision.APPROVED), "decision %s", d);
        require(d.decision() != Decision.APPROVED || pd < 0.07, "approved at PD %s", pd);
    }

    private static void require(boolean property, String format, Object... args) {
        if (!property) {
            throw new AssertionError(String.format(format, args));
        }
    }

    /** Which load-time guard refused an artifact; a message without a JSON path fails the test. */
    static String kind(String message, long seed, String json) {
        require(WHERE.matcher(message).lookingAt(), "case seed %s: refusal without a JSON path: %s", seed, message);
        if (message.contains("log1p needs a `missing` above -1")) {
            return "log1p of missing <= -1";
        }
        if (message.contains("a division by zero")) {
            return "ratio dividing by zero";
        }
        if (message.contains("it must be a finite number from")) {
            return "constant out of bounds";
        }
        if (message.contains("the log-odds can reach")) {
            return "log-odds bound";
        }
        if (message.contains("contribution") && message.contains("can reach")) {
            return "contribution bound";
        }
        if (message.contains(" is above max ")) {
            return "min above max";
        }
        return "other: " + message;
    }
}
