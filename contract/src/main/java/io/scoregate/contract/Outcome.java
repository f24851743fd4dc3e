package io.scoregate.contract;

import java.util.Locale;

/**
 * How a scoring request ended: its name is the access log's {@code status}, its {@link #tag()} the
 * {@code outcome} tag of the request metrics.
 */
public enum Outcome {
    /** Scored and answered 200. */
    OK,
    /** Ran past the scoring deadline; answered 504. A right-censored latency, not a missing one. */
    TIMEOUT,
    /** Failed on the service's side; answered 5xx. */
    ERROR,
    /** The lender's mistake (bad input, auth, unknown version); answered 4xx. Not evidence about a model. */
    REJECTED;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** The metric tag value: the name in lower case. */
    public String tag() {
        return tag;
    }
}
