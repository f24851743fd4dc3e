package io.scoregate.service.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scoregate.service.model.InputField;
import io.scoregate.service.model.LoanApplication;
import io.scoregate.service.problem.ProblemException;
import io.scoregate.service.rest.Bodies;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The artifact parser's numeric-safety proof starts from the request ranges in {@link InputField}, and
 * {@link ApplicationReader} validates against the same ranges; this checks what the reader really lets through
 * at the ends of each range (the OpenAPI schema's ranges: ScoringResourceTest, from the served document).
 */
class InputRangesTest {

    static final InputField[] NUMERIC = Arrays.stream(InputField.values()).filter(f -> f != InputField.SECTOR)
            .toArray(InputField[]::new);

    static LoanApplication read(InputField field, Object value) {
        Map<String, Object> body = Bodies.valid();
        body.put(field.jsonName(), value);
        return ApplicationReader.read(Bodies.json(body).getBytes(StandardCharsets.UTF_8));
    }

    /** The fields read as whole numbers (int in LoanApplication); the others are any double in range. */
    static boolean whole(InputField f) {
        return switch (f) {
            case BUSINESS_AGE_MONTHS, MOBILE_MONEY_TXNS_PER_MONTH, PRIOR_LOANS_REPAID, PRIOR_DEFAULTS, CRB_SCORE,
                 TENOR_MONTHS -> true;
            default -> false;
        };
    }

    @Test
    void shouldAcceptEveryFieldAtTheEndsOfItsRangeAndNothingBeyond() {
        for (InputField f : NUMERIC) {
            Object below = whole(f) ? (Object) ((long) f.lowest() - 1) : (Object) Math.nextDown(f.lowest());
            Object above = whole(f) ? (Object) ((long) f.highest() + 1) : (Object) Math.nextUp(f.highest());
            assertThatThrownBy(() -> read(f, below)).as("%s = %s", f, below).isInstanceOf(ProblemException.class);
            assertThatThrownBy(() -> read(f, above)).as("%s = %s", f, above).isInstanceOf(ProblemException.class);
            Object top = whole(f) ? (Object) (long) f.highest() : (Object) f.highest();
            assertThat(f.numeric(read(f, top)).getAsDouble()).as("%s", f).isEqualTo(f.highest());
            if (f == InputField.REQUESTED_AMOUNT_KES) {
                // (0, 1e10]: 0 itself is refused, the smallest positive double is not; [0, 1e10] contains both
                assertThatThrownBy(() -> read(f, 0)).isInstanceOf(ProblemException.class);
                assertThat(f.numeric(read(f, Double.MIN_VALUE)).getAsDouble()).isGreaterThanOrEqualTo(f.lowest());
            } else {
                Object bottom = whole(f) ? (Object) (long) f.lowest() : (Object) f.lowest();
                assertThat(f.numeric(read(f, bottom)).getAsDouble()).as("%s", f).isEqualTo(f.lowest());
            }
        }
    }

    @Test
    void shouldLeaveOnlyCrbScoreOptional() {
        Map<String, Object> body = Bodies.valid();
        body.remove("crbScore");
        LoanApplication a = ApplicationReader.read(Bodies.json(body).getBytes(StandardCharsets.UTF_8));
        assertThat(InputField.CRB_SCORE.numeric(a)).isEmpty();
        for (InputField f : NUMERIC) {
            assertThat(f.alwaysPresent()).as("%s", f).isEqualTo(f != InputField.CRB_SCORE);
            if (f.alwaysPresent()) {
                Map<String, Object> without = Bodies.valid();
                without.remove(f.jsonName());
                assertThatThrownBy(() -> ApplicationReader.read(Bodies.json(without).getBytes(StandardCharsets.UTF_8)))
                        .as("%s is required", f).isInstanceOf(ProblemException.class);
            }
        }
        assertThat(InputField.SECTOR.alwaysPresent()).isFalse(); // as a number it is never there
    }
}
