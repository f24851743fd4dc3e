package io.scoregate.gate.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.scoregate.contract.Outcome;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseClassifierTest {

    @ParameterizedTest(name = "HTTP {0} answered by {1} -> {2}")
    @CsvSource({
            "200, v1.2, OK, false",
            "201, v1.2, OK, false",
            "200, v1.3, ERROR, true",
            "200, '', ERROR, true",
            "504, v1.2, TIMEOUT, false",
            "500, v1.2, ERROR, false",
            "503, '', ERROR, false",
            "400, '', REJECTED, false",
            "422, v1.2, REJECTED, false",
            "302, v1.2, ERROR, false",
    })
    void shouldLabelLikeTheServiceAccessLog(int http, String answered, Outcome expected, boolean mismatch) {
        var c = ResponseClassifier.classify(http, answered.isEmpty() ? Optional.empty() : Optional.of(answered), "v1.2");
        assertThat(c.status()).isEqualTo(expected);
        assertThat(c.versionMismatch()).isEqualTo(mismatch);
    }
}
