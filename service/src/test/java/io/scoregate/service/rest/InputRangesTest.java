package io.scoregate.service.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scoregate.service.model.InputField;
import io.scoregate.service.model.LoanApplication;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;

/**
 * The artifact parser's numeric-safety proof starts from the request ranges in {@link InputField}; this pins them to
 * what {@link ApplicationReader} really lets through and to what the OpenAPI schema ({@link ApplicationSchema})
 * documents, so widening a request range without the proof fails here.
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

    @Test
    void shouldDocumentTheSameRangesInTheOpenApiSchema() {
        for (InputField f : NUMERIC) {
            RecordComponent c = Arrays.stream(ApplicationSchema.class.getRecordComponents())
                    .filter(rc -> rc.getName().equals(f.jsonName())).findFirst().orElseThrow();
            Schema schema = c.getAccessor().getAnnotation(Schema.class) != null
                    ? c.getAccessor().getAnnotation(Schema.class) : c.getAnnotation(Schema.class);
            assertThat(schema).as("%s has a @Schema", f).isNotNull();
            assertThat(Double.parseDouble(schema.minimum())).as("%s minimum", f).isEqualTo(f.lowest());
            assertThat(Double.parseDouble(schema.maximum())).as("%s maximum", f).isEqualTo(f.highest());
        }
    }
}
