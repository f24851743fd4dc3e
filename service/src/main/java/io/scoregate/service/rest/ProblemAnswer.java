package io.scoregate.service.rest;

import jakarta.ws.rs.core.Response;

/**
 * A scoring request that ended in a problem, already recorded (metrics, access log): the problem document
 * plus the X-Model-Version and X-Request-Id values its answer carries. It travels as the failure of the
 * exchange's {@link java.util.concurrent.CompletionStage}, so a success keeps a plain, typed body.
 */
public final class ProblemAnswer extends RuntimeException {

    private final transient Problem problem;
    private final String modelVersion;
    private final String requestId;

    public ProblemAnswer(Problem problem, String modelVersion, String requestId) {
        super(problem.detail(), null, false, false); // an answer, not a fault: no stack trace to fill
        this.problem = problem;
        this.modelVersion = modelVersion;
        this.requestId = requestId;
    }

    public Problem problem() {
        return problem;
    }

    /** The HTTP answer: the problem document with its status, media type and both headers. */
    public Response toResponse() {
        return problem.response()
                .header(ScoringExchange.MODEL_VERSION_HEADER, modelVersion)
                .header(ScoringExchange.REQUEST_ID_HEADER, requestId).build();
    }
}
