package io.scoregate.contract;

/** The HTTP headers the service and the gate agree on. */
public final class Headers {

    /** On a request: pins the version that scores it. On every answer: the version that did (or "none"). */
    public static final String MODEL_VERSION = "X-Model-Version";
    /** On a request: the caller's id for it (kept when it is a sane token). On every answer: the id it was logged as. */
    public static final String REQUEST_ID = "X-Request-Id";
    /** A lender's API key, when lender authentication is on. */
    public static final String API_KEY = "X-Api-Key";

    private Headers() {
    }
}
