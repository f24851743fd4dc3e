package io.scoregate.service.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.scoregate.service.problem.FieldError;
import io.scoregate.service.problem.ProblemException;
import io.scoregate.service.problem.ProblemType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem document, with an {@code errors} array naming every bad field (empty when the
 * problem is not about fields).
 */
@RegisterForReflection // serialized by Jackson
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public Problem {
        errors = List.copyOf(errors);
    }

    public static Problem of(ProblemType type, String detail, String instance, List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, errors);
    }

    /** The document for a problem that ended a request at {@code instance} (the request's path). */
    public static Problem of(ProblemException problem, String instance) {
        return of(problem.type(), problem.getMessage(), instance, problem.errors());
    }

    /** For status codes the framework produces (404, 405, ...): RFC 9457's generic "about:blank" type. */
    public static Problem generic(int status, String title, String detail, String instance) {
        return new Problem("about:blank", title, status, detail, instance, List.of());
    }

    /** The HTTP answer carrying this document: its status and the problem media type; callers may add headers. */
    public Response.ResponseBuilder response() {
        return Response.status(status).type(MEDIA_TYPE).entity(toJson());
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem record always serializes", e);
        }
    }
}
