package io.scoregate.service.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The feature ranges the load-time proof derives from the request ranges, transform by transform. */
class NumericSafetyTest {

    static final double INF = Double.POSITIVE_INFINITY;

    static NumericSafety.Range range(InputField in, Transform t, Optional<InputField> per, double missing, double min,
                                     double max) throws InvalidArtifactException {
        return NumericSafety.featureRange(new FeatureSpec("f", in, t, per, Optional.of("RETAIL"), missing, min, max),
                "features[0]");
    }

    @Test
    void shouldStartFromTheRequestRangesAndAddMissingOnlyForAnOptionalField() throws Exception {
        assertThat(range(InputField.TENOR_MONTHS, Transform.IDENTITY, Optional.empty(), -50, -INF, INF))
                .isEqualTo(new NumericSafety.Range(1, 60)); // tenorMonths is required: -50 is never used
        assertThat(range(InputField.CRB_SCORE, Transform.IDENTITY, Optional.empty(), -50, -INF, INF))
                .isEqualTo(new NumericSafety.Range(-50, 900));
        assertThat(range(InputField.CRB_SCORE, Transform.IDENTITY, Optional.empty(), 550, -INF, INF))
                .isEqualTo(new NumericSafety.Range(200, 900));
    }

    @Test
    void shouldFollowLog1pRatioAndTheClip() throws Exception {
        assertThat(range(InputField.MONTHLY_REVENUE_KES, Transform.LOG1P, Optional.empty(), 0, -INF, INF))
                .isEqualTo(new NumericSafety.Range(0, Math.log1p(1e10)));
        // debt / (revenue + 1): 0 .. 1e10 / 1, clipped at 50 as the shipped models do
        assertThat(range(InputField.EXISTING_DEBT_KES, Transform.RATIO, Optional.of(InputField.MONTHLY_REVENUE_KES), 0,
                -INF, 50)).isEqualTo(new NumericSafety.Range(0, 50));
        // tenor / (crb + 1) with crb absent as -3: 1/-2 .. 60/-2, and 1/901 .. 60/201 when present
        assertThat(range(InputField.TENOR_MONTHS, Transform.RATIO, Optional.of(InputField.CRB_SCORE), -3, -INF, INF))
                .isEqualTo(new NumericSafety.Range(60 / -2.0, 60 / 201.0));
        assertThat(range(InputField.SECTOR, Transform.EQUALS, Optional.empty(), 0, -INF, INF))
                .isEqualTo(new NumericSafety.Range(0, 1));
        assertThat(range(InputField.CRB_SCORE, Transform.MISSING, Optional.empty(), 0, 0.5, INF))
                .isEqualTo(new NumericSafety.Range(0.5, 1));
    }

    @Test
    void shouldPrintNumbersAsAPersonReadsThem() {
        assertThat(NumericSafety.number(-1)).isEqualTo("-1");
        assertThat(NumericSafety.number(1e10)).isEqualTo("10000000000");
        assertThat(NumericSafety.number(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(NumericSafety.number(1e308)).isEqualTo("1.0E308");
        assertThat(NumericSafety.number(Double.NaN)).isEqualTo("NaN");
    }
}
