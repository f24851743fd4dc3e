package io.scoregate.service.rest;

import io.scoregate.service.problem.FieldError;
import io.scoregate.service.problem.ProblemType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem responses of the admin routing API: the same closed {@link ProblemType} list, media type and
 * {@code errors} shape (one {@link FieldError} per bad field) as the scoring API's {@link Problem}, plus extension
 * members a routing answer needs (the store's current revision on a conflict).
 */
final class AdminRoutingProblem {

    private AdminRoutingProblem() {
    }

    static Response of(ProblemType type, String detail, String instance) {
        return of(type, detail, instance, List.of(), Map.of());
    }

    static Response of(ProblemType type, String detail, String instance, List<FieldError> errors,
                       Map<String, Object> extensions) {
        Problem problem = Problem.of(type, detail, instance, errors);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.put("instance", problem.instance());
        body.put("errors", problem.errors());
        body.putAll(extensions);
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
