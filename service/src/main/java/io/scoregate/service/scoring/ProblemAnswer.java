package io.scoregate.service.scoring;

import io.scoregate.contract.Endpoint;
import io.scoregate.service.problem.ProblemException;

/**
 * A scoring request that ended in a problem, already recorded (metrics, access log): the problem, the endpoint
 * it answers (the document's {@code instance}) and the X-Model-Version and X-Request-Id values its answer
 * carries. It travels as the failure of the pipeline's {@link java.util.concurrent.CompletionStage}, so a
 * success keeps a plain, typed body; rest/ writes it as the problem document.
 */
public final class ProblemAnswer extends RuntimeException {

    private final transient ProblemException problem;
    private final Endpoint endpoint;
    private final String modelVersion;
    private final String requestId;

    public ProblemAnswer(ProblemException problem, Endpoint endpoint, String modelVersion, String requestId) {
        super(problem.getMessage(), null, false, false); // an answer, not a fault: no stack trace to fill
        this.problem = problem;
        this.endpoint = endpoint;
        this.modelVersion = modelVersion;
        this.requestId = requestId;
    }

    public ProblemException problem() {
        return problem;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public String modelVersion() {
        return modelVersion;
    }

    public String requestId() {
        return requestId;
    }
}
