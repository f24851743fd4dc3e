package io.scoregate.gate.load;

import io.scoregate.contract.Headers;
import io.scoregate.contract.Outcome;
import java.util.Optional;

/**
 * Maps an HTTP answer to the access log's status, the same way the service labels its own lines:
 * 504 is the service's deadline (TIMEOUT), other 5xx ERROR, 4xx REJECTED (the request's fault, not
 * evidence about the model), 2xx OK, anything else ERROR. A 2xx whose {@code X-Model-Version} is not the
 * pinned version is an ERROR too: the answer came from the wrong model, so its latency would be counted
 * for the wrong arm.
 */
public final class ResponseClassifier {

    public static final String VERSION_HEADER = Headers.MODEL_VERSION;

    private ResponseClassifier() {
    }

    /** The status, and whether it was a version mismatch (counted separately). */
    public record Classification(Outcome status, boolean versionMismatch) {
    }

    public static Classification classify(int httpStatus, Optional<String> answeredVersion, String pinnedVersion) {
        if (httpStatus == 504) {
            return new Classification(Outcome.TIMEOUT, false);
        }
        if (httpStatus >= 500) {
            return new Classification(Outcome.ERROR, false);
        }
        if (httpStatus >= 400) {
            return new Classification(Outcome.REJECTED, false);
        }
        if (httpStatus >= 200 && httpStatus < 300) {
            boolean matches = answeredVersion.map(pinnedVersion::equals).orElse(false);
            return matches ? new Classification(Outcome.OK, false)
                    : new Classification(Outcome.ERROR, true);
        }
        return new Classification(Outcome.ERROR, false);
    }
}
