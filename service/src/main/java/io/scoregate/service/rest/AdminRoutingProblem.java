package io.scoregate.service.rest;

import io.scoregate.contract.ProblemTypes;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem responses of the admin routing API, with the same type URIs and media type as the scoring
 * API's {@link Problem}; their {@code errors} are sentences about the routing change rather than fields.
 */
final class AdminRoutingProblem {

    private AdminRoutingProblem() {
    }

    static Response of(Response.Status status, String slug, String title, String detail, String instance) {
        return of(status, slug, title, detail, instance, List.of(), Map.of());
    }

    static Response of(Response.Status status, String slug, String title, String detail, String instance,
                       List<String> errors, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", ProblemTypes.uri(slug));
        body.put("title", title);
        body.put("status", status.getStatusCode());
        body.put("detail", detail);
        body.put("instance", instance);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        body.putAll(extra);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
