package io.scoregate.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AccessLogFieldsTest {

    @Test
    void shouldNameEveryFieldOnceInLineOrder() {
        assertThat(AccessLogFields.ALL).doesNotHaveDuplicates().hasSize(8)
                .startsWith(AccessLogFields.TIMESTAMP).endsWith(AccessLogFields.HTTP_STATUS);
    }

    @Test
    void shouldTagOutcomesWithTheirLowerCaseNames() {
        assertThat(Arrays.stream(Outcome.values()).map(Outcome::tag)).containsExactly("ok", "timeout", "error",
                "rejected");
    }
}
