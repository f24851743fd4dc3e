package io.scoregate.service.problem;

import io.scoregate.contract.ProblemTypes;

/** The problem types this service answers with (RFC 9457), each with its status and title. */
public enum ProblemType {
    MALFORMED_JSON(400, "Malformed JSON"),
    INVALID_REQUEST(400, "Invalid request"),
    /** A query parameter of an operator API out of its range. */
    INVALID_PARAMETER(400, "Invalid parameter"),
    /** A routing change the admin API refuses: unknown versions, weights that do not sum to 100, ... */
    INVALID_ROUTING_CHANGE(400, "Invalid routing change"),
    UNKNOWN_MODEL_VERSION(400, "Unknown model version"),
    UNAUTHENTICATED(401, "Missing or unknown API key"),
    /** An operator path (admin, metrics) without the admin bearer token; the admin API's own slug. */
    UNAUTHORIZED(401, "Admin token required"),
    /** An operator path with a bearer token that is not the admin token; the admin API's own slug. */
    FORBIDDEN(403, "Wrong admin token"),
    LENDER_MISMATCH(403, "Request names another lender"),
    PINNING_NOT_ALLOWED(403, "Pinning a model version is not allowed"),
    BODY_TIMEOUT(408, "Request body not received in time"),
    /** A routing change made against a revision that is no longer the store's. */
    REVISION_CONFLICT(409, "Routing table has changed"),
    BODY_TOO_LARGE(413, "Request body too large"),
    SCORING_FAILED(500, "Scoring failed"),
    INTERNAL_ERROR(500, "Internal error"),
    VERSION_UNAVAILABLE(503, "Model version unavailable"),
    /** The routing store (redis) cannot be read or written; instances keep serving their last table. */
    ROUTING_STORE_UNAVAILABLE(503, "Routing store unavailable"),
    /** Operator paths need the admin token and none is configured: refused rather than open. */
    ADMIN_TOKEN_NOT_CONFIGURED(503, "Admin token not configured"),
    DEADLINE_EXCEEDED(504, "Scoring deadline exceeded");


    private final int status;
    private final String title;
    private final String uri;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
        this.uri = ProblemTypes.uri(name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
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
