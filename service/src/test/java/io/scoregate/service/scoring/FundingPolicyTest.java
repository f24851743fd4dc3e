package io.scoregate.service.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scoregate.contract.Sector;
import io.scoregate.service.model.LoanApplication;
import io.scoregate.service.model.ModelScore;
import io.scoregate.service.model.NonFiniteScoreException;
import io.scoregate.service.model.RiskBand;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FundingPolicyTest {

    final FundingPolicy policy = new FundingPolicy(0.07, 0.20, 5_000_000, 3.0);

    static LoanApplication asking(double requested, double revenue) {
        return new LoanApplication("a", "l", Sector.RETAIL, 24, revenue, 0.2, 50, 0, 1, 0, OptionalInt.empty(),
                requested, 12);
    }

    static ModelScore pd(double pd) {
        return new ModelScore("v1.2", pd, 600, RiskBand.of(pd), List.of());
    }

    @Test
    void shouldApproveTheRequestedAmountBelowTheApprovalPd() {
        assertThat(policy.decide(pd(0.05), asking(300_000, 250_000)))
                .isEqualTo(new FundingDecision(Decision.APPROVED, 300_000));
    }

    @Test
    void shouldCapTheAmountAtThreeMonthsOfRevenue() {
        assertThat(policy.decide(pd(0.05), asking(1_000_000, 100_000)))
                .isEqualTo(new FundingDecision(Decision.APPROVED, 300_000));
    }

    @Test
    void shouldCapTheAmountAtTheLendersMaximum() {
        assertThat(policy.decide(pd(0.01), asking(9_000_000, 5_000_000)))
                .isEqualTo(new FundingDecision(Decision.APPROVED, 5_000_000));
    }

    @Test
    void shouldReferInBetweenAndDeclineFromTheDeclinePd() {
        assertThat(policy.decide(pd(0.07), asking(100, 1000)).decision()).isEqualTo(Decision.REFERRED);
        assertThat(policy.decide(pd(0.1999), asking(100, 1000)).decision()).isEqualTo(Decision.REFERRED);
        assertThat(policy.decide(pd(0.20), asking(100, 1000))).isEqualTo(new FundingDecision(Decision.DECLINED, 0));
    }

    @Test
    void shouldReferAnApplicantWithoutRevenue() {
        assertThat(policy.decide(pd(0.01), asking(100_000, 0))).isEqualTo(new FundingDecision(Decision.REFERRED, 0));
    }

    @Test
    void shouldRefuseAnApprovalPdAboveTheDeclinePd() {
        assertThatThrownBy(() -> new FundingPolicy(0.3, 0.2, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 < approve-below-pd <= decline-from-pd <= 1, but were 0.3 and 0.2");
    }

    @Test
    void shouldNeverDecideFromAPdThatIsNotANumberInZeroToOne() {
        // issue 10: a NaN PD failed both comparisons and was APPROVED for the full amount
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.01, 1.01}) {
            assertThatThrownBy(() -> policy.decide(pd(bad), asking(300_000, 250_000)))
                    .as("PD %s", bad).isInstanceOf(NonFiniteScoreException.class)
                    .hasMessageContaining("computed the probability of default = " + bad);
        }
        assertThat(policy.decide(pd(0.0), asking(300_000, 250_000)).decision()).isEqualTo(Decision.APPROVED);
        assertThat(policy.decide(pd(1.0), asking(300_000, 250_000)).decision()).isEqualTo(Decision.DECLINED);
    }

    @Test
    void shouldNeverDecideFromAnAmountThatIsNotFinite() {
        assertThatThrownBy(() -> policy.decide(pd(0.01), asking(Double.NaN, 250_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be finite");
        assertThatThrownBy(() -> policy.decide(pd(0.01), asking(300_000, Double.POSITIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
