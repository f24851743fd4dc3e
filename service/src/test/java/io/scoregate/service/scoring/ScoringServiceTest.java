package io.scoregate.service.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scoregate.service.config.ScoringConfig;
import io.scoregate.service.drill.DrillPlan;
import io.scoregate.service.drill.FaultInjector;
import io.scoregate.service.model.Attribution;
import io.scoregate.service.model.FeatureExtractor;
import io.scoregate.service.model.FeatureSpec;
import io.scoregate.service.model.InputField;
import io.scoregate.service.model.LoanApplication;
import io.scoregate.service.model.ModelFamily;
import io.scoregate.service.model.NonFiniteScoreException;
import io.scoregate.service.model.ScoringModel;
import io.scoregate.service.model.Sector;
import io.scoregate.service.model.Transform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScoringServiceTest {

    static final ScoringConfig CONFIG = new ScoringConfig() {
        @Override
        public Duration deadline() {
            return Duration.ofSeconds(5);
        }

        @Override
        public boolean allowPinning() {
            return true;
        }
    };

    static final LoanApplication APPLICATION = new LoanApplication("a", "l", Sector.RETAIL, 24, 1000, 0.2, 50, 0, 1, 0,
            OptionalInt.empty(), 1000, 12);

    static ScoringModel computing(Attribution attribution) {
        FeatureExtractor one = new FeatureExtractor(List.of(new FeatureSpec("age", InputField.BUSINESS_AGE_MONTHS,
                Transform.IDENTITY, Optional.empty(), Optional.empty(), 0, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY)));
        return new ScoringModel("v-nan", ModelFamily.LOGISTIC_SCORECARD, one, x -> attribution, Map.of());
    }

    final ScoringService service = new ScoringService(new FaultInjector(Map.of(), new SplittableRandom(1)), CONFIG);

    @Test
    void shouldPassANonFiniteScoreOnAsItselfForTheExchangeToAnswer500() {
        // not wrapped into ScoringFailedException, whose message would carry the exception's class and value
        ScoringModel nan = computing(new Attribution(Double.NaN, 0, new double[] {Double.NaN}));
        assertThatThrownBy(() -> service.score(nan, APPLICATION, System.nanoTime()))
                .isExactlyInstanceOf(NonFiniteScoreException.class)
                .hasMessage("model version v-nan computed the log-odds = NaN; no score or decision is made from it");
    }

    @Test
    void shouldStillWrapOtherModelFailures() {
        ScoringModel broken = new ScoringModel("v-broken", ModelFamily.LOGISTIC_SCORECARD,
                new FeatureExtractor(List.of()), x -> {
                    throw new ArrayIndexOutOfBoundsException(3);
                }, Map.of());
        assertThatThrownBy(() -> service.score(broken, APPLICATION, System.nanoTime()))
                .isInstanceOf(ScoringFailedException.class).hasMessageStartingWith("model version v-broken failed");
    }

    @Test
    void shouldScoreAFiniteAttribution() {
        ScoringService.Scored s = service.score(computing(new Attribution(-1, -1, new double[] {0})), APPLICATION,
                System.nanoTime());
        assertThat(((ScoringService.Scored.Now) s).score().probabilityOfDefault()).isBetween(0.26, 0.27);
    }

    /** A model that counts its evaluations. */
    static ScoringModel counting(AtomicInteger evaluations) {
        FeatureExtractor one = new FeatureExtractor(List.of(new FeatureSpec("age", InputField.BUSINESS_AGE_MONTHS,
                Transform.IDENTITY, Optional.empty(), Optional.empty(), 0, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY)));
        return new ScoringModel("v-count", ModelFamily.LOGISTIC_SCORECARD, one, x -> {
            evaluations.incrementAndGet();
            return new Attribution(-1, -1, new double[] {0});
        }, Map.of());
    }

    @Test
    void shouldAnswerARequestThatWaitedPastTheDeadlineWithoutScoringIt() {
        // arrived 6 s ago against a 5 s deadline: it queued that long, and the model must not spend CPU on it
        AtomicInteger evaluations = new AtomicInteger();
        long arrivedSixSecondsAgo = System.nanoTime() - Duration.ofSeconds(6).toNanos();
        assertThatThrownBy(() -> service.score(counting(evaluations), APPLICATION, arrivedSixSecondsAgo))
                .isExactlyInstanceOf(DeadlineExceededException.class);
        assertThat(evaluations).hasValue(0);
    }

    @Test
    void shouldEvaluateTheModelAgainForEveryExtraEvaluationOfACpuCostDrill() {
        AtomicInteger evaluations = new AtomicInteger();
        ScoringService drilled = new ScoringService(new FaultInjector(
                Map.of("v-count", new DrillPlan("v-count", 0, 0, 0, 0, 7)), new SplittableRandom(1)), CONFIG);
        ScoringService.Scored s = drilled.score(counting(evaluations), APPLICATION, System.nanoTime());
        assertThat(s).isInstanceOf(ScoringService.Scored.Now.class); // nothing to wait for: answered on the spot
        assertThat(evaluations).hasValue(8);
        assertThat(((ScoringService.Scored.Now) s).score().probabilityOfDefault()).isBetween(0.26, 0.27);
    }
}
