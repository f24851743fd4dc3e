package io.scoregate.gate.load;

import io.scoregate.gate.accesslog.AccessLogRecord;
import io.scoregate.contract.Outcome;
import java.util.List;
import java.util.Optional;

/**
 * Tells a broken environment from a bad candidate after a {@code compare} run: when not one request of either
 * arm got an answer other than a failure (5xx, a timeout, no HTTP answer), the baseline failed exactly as the
 * candidate did, so the run says nothing about the candidate. That is "target unavailable" (exit 5), not
 * INCONCLUSIVE (3), which would send someone to look for a statistical reason.
 */
public final class NoSuccessfulAnswer {

    private NoSuccessfulAnswer() {
    }

    /** The sentence saying how every request failed, or empty when at least one got an answer. */
    public static Optional<String> describe(List<AccessLogRecord> measured, String baseline, String candidate) {
        if (measured.isEmpty()) {
            return Optional.empty();
        }
        long serverErrors = 0;
        long noAnswer = 0;
        long timeouts = 0;
        long otherErrors = 0;
        for (AccessLogRecord r : measured) {
            if (r.status() == Outcome.OK || r.status() == Outcome.REJECTED) {
                return Optional.empty();
            }
            if (r.status() == Outcome.TIMEOUT) {
                timeouts++;
            } else if (r.httpStatus() >= 500) {
                serverErrors++;
            } else if (r.httpStatus() == 0) {
                noAnswer++;
            } else {
                otherErrors++;
            }
        }
        return Optional.of("not one of the " + measured.size() + " measured requests (" + baseline + " and "
                + candidate + ") was answered successfully: " + serverErrors + " answered 5xx, " + timeouts
                + " timed out, " + noAnswer + " got no HTTP answer" + (otherErrors > 0 ? ", " + otherErrors
                + " answered for the wrong version" : "") + "; no verdict on a target that fails everything.");
    }
}
