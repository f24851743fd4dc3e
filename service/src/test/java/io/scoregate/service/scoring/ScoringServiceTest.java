package io.scoregate.service.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scoregate.service.config.ScoringConfig;
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
}
