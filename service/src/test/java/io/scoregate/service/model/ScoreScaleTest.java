package io.scoregate.service.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScoreScaleTest {

    @Test
    void shouldGive600AtOddsOf30To1And40MorePointsPerDoubling() {
        assertThat(ScoreScale.fromLogOdds(-Math.log(30))).isEqualTo(600);
        assertThat(ScoreScale.fromLogOdds(-Math.log(60))).isEqualTo(640);
        assertThat(ScoreScale.fromLogOdds(-Math.log(15))).isEqualTo(560);
    }

    @Test
    void shouldClampToTheScale() {
        assertThat(ScoreScale.fromLogOdds(30)).isEqualTo(300);
        assertThat(ScoreScale.fromLogOdds(-30)).isEqualTo(850);
    }

    @Test
    void shouldBandByProbabilityOfDefault() {
        assertThat(RiskBand.of(0.0299)).isEqualTo(RiskBand.A);
        assertThat(RiskBand.of(0.03)).isEqualTo(RiskBand.B);
        assertThat(RiskBand.of(0.149)).isEqualTo(RiskBand.C);
        assertThat(RiskBand.of(0.29)).isEqualTo(RiskBand.D);
        assertThat(RiskBand.of(0.99)).isEqualTo(RiskBand.E);
    }
}
