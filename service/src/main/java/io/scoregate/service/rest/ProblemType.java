package io.scoregate.service.rest;

/** The problem types this service answers with (RFC 9457), each with its status and title. */
public enum ProblemType {
    MALFORMED_JSON(400, "Malformed JSON"),
    INVALID_REQUEST(400, "Invalid request"),
    UNKNOWN_MODEL_VERSION(400, "Unknown model version"),
    UNAUTHENTICATED(401, "Missing or unknown API key"),
    /** An operator path (admin, metrics) without the admin bearer token; the admin API's own slug. */
    UNAUTHORIZED(401, "Admin token required"),
    /** An operator path with a bearer token that is not the admin token; the admin API's own slug. */
    FORBIDDEN(403, "Wrong admin token"),
    LENDER_MISMATCH(403, "Request names another lender"),
    PINNING_NOT_ALLOWED(403, "Pinning a model version is not allowed"),
    BODY_TIMEOUT(408, "Request body not received in time"),
    BODY_TOO_LARGE(413, "Request body too large"),
    SCORING_FAILED(500, "Scoring failed"),
    INTERNAL_ERROR(500, "Internal error"),
    VERSION_UNAVAILABLE(503, "Model version unavailable"),
    /** Operator paths need the admin token and none is configured: refused rather than open. */
    ADMIN_TOKEN_NOT_CONFIGURED(503, "Admin token not configured"),
    DEADLINE_EXCEEDED(504, "Scoring deadline exceeded");

    static final String BASE = "https://scoregate.io/problems/";

    private final int status;
    private final String title;
    private final String uri;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
        this.uri = BASE + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return uri;
    }
}
