package io.scoregate.service.metrics;

import java.util.Locale;

/** How a scoring request ended: the {@code outcome} metric tag and the access log's {@code status}. */
public enum Outcome {
    /** Scored and answered 200. */
    OK,
    /** Ran past the scoring deadline; answered 504. */
    TIMEOUT,
    /** Failed on the service's side; answered 5xx. */
    ERROR,
    /** The lender's mistake (bad input, auth, unknown version); answered 4xx. */
    REJECTED;

    private final String tag = name().toLowerCase(Locale.ROOT);

    public String tag() {
        return tag;
    }
}
