package io.scoregate.service.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scoregate.contract.Sector;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FeatureSpecTest {

    static final double INF = Double.POSITIVE_INFINITY;

    static FeatureSpec spec(InputField in, Transform t) {
        return new FeatureSpec("f", in, t, Optional.of(InputField.MONTHLY_REVENUE_KES), Optional.of("AGRICULTURE"),
                550, -INF, INF);
    }

    @Test
    void shouldComputeEachTransform() {
        LoanApplication a = Applications.typical(); // revenue 250000, debt 100000, crb 640, RETAIL
        assertThat(spec(InputField.EXISTING_DEBT_KES, Transform.IDENTITY).evaluate(a)).isEqualTo(100_000);
        assertThat(spec(InputField.MOBILE_MONEY_TXNS_PER_MONTH, Transform.LOG1P).evaluate(a))
                .isCloseTo(Math.log(121), within(1e-12));
        assertThat(spec(InputField.EXISTING_DEBT_KES, Transform.RATIO).evaluate(a))
                .isCloseTo(100_000 / 250_001.0, within(1e-15));
        assertThat(spec(InputField.SECTOR, Transform.EQUALS).evaluate(a)).isEqualTo(0.0);
        assertThat(spec(InputField.CRB_SCORE, Transform.MISSING).evaluate(a)).isEqualTo(0.0);
    }

    @Test
    void shouldUseTheMissingValueAndIndicatorWhenCrbScoreIsAbsent() {
        LoanApplication a = new LoanApplication("a", "l", Sector.AGRICULTURE, 1, 0, 0, 0, 0, 0, 0,
                OptionalInt.empty(), 10, 1);
        assertThat(spec(InputField.CRB_SCORE, Transform.IDENTITY).evaluate(a)).isEqualTo(550);
        assertThat(spec(InputField.CRB_SCORE, Transform.MISSING).evaluate(a)).isEqualTo(1.0);
        assertThat(spec(InputField.SECTOR, Transform.EQUALS).evaluate(a)).isEqualTo(1.0);
        // no revenue: 10 / (0 + 1)
        assertThat(spec(InputField.REQUESTED_AMOUNT_KES, Transform.RATIO).evaluate(a)).isEqualTo(10.0);
    }

    @Test
    void shouldClipToMinAndMax() {
        FeatureSpec clipped = new FeatureSpec("f", InputField.EXISTING_DEBT_KES, Transform.IDENTITY, Optional.empty(),
                Optional.empty(), 0, 0, 50);
        assertThat(clipped.evaluate(Applications.typical())).isEqualTo(50);
    }
}
