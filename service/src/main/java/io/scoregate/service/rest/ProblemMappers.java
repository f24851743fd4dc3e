package io.scoregate.service.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.scoregate.contract.Headers;
import io.scoregate.service.problem.ProblemException;
import io.scoregate.service.problem.ProblemType;
import io.scoregate.service.scoring.ProblemAnswer;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Problem documents for everything that escapes a resource: the framework's own 4xx (unknown path, wrong
 * method, ...) keep their status; anything unexpected becomes a 500 with the detail in the server log and
 * never a stack trace in the body.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** A scoring request the pipeline ended (and recorded): the problem document with both headers. */
    @ServerExceptionMapper
    public Response mapAnswer(ProblemAnswer answer) {
        return Problem.of(answer.problem(), answer.endpoint().path()).response()
                .header(Headers.MODEL_VERSION, answer.modelVersion())
                .header(Headers.REQUEST_ID, answer.requestId()).build();
    }

    @ServerExceptionMapper
    public Response mapProblem(ProblemException e, UriInfo uri) {
        return respond(Problem.of(e, uri.getPath()));
    }

    @ServerExceptionMapper
    public Response mapWebApplication(WebApplicationException e, UriInfo uri) {
        if (e.getResponse().hasEntity()) {
            return e.getResponse(); // a resource that built its own answer (e.g. a problem) keeps it
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "Request to %s failed", uri.getPath());
        }
        Response.StatusType type = e.getResponse().getStatusInfo();
        String detail = status >= 500 ? "the service failed to handle this request" : e.getMessage();
        return respond(Problem.generic(status, type.getReasonPhrase(), detail, uri.getPath()));
    }

    @ServerExceptionMapper
    public Response mapJson(JsonProcessingException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.MALFORMED_JSON, "the request body is not valid JSON: "
                + e.getOriginalMessage(), uri.getPath(), java.util.List.of()));
    }

    @ServerExceptionMapper
    public Response mapUnexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "Unexpected failure handling %s", uri.getPath());
        return respond(Problem.of(ProblemType.INTERNAL_ERROR, "the service failed to handle this request",
                uri.getPath(), java.util.List.of()));
    }

    private static Response respond(Problem problem) {
        return problem.response().build();
    }
}
