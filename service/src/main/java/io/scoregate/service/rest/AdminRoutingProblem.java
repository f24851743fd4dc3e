package io.scoregate.service.rest;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 9457 problem responses of the admin routing API (application/problem+json). */
final class AdminRoutingProblem {

    static final String MEDIA_TYPE = "application/problem+json";

    private AdminRoutingProblem() {
    }

    static Response of(Response.Status status, String slug, String title, String detail, String instance) {
        return of(status, slug, title, detail, instance, List.of(), Map.of());
    }

    static Response of(Response.Status status, String slug, String title, String detail, String instance,
                       List<String> errors, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://scoregate.io/problems/" + slug);
        body.put("title", title);
        body.put("status", status.getStatusCode());
        body.put("detail", detail);
        body.put("instance", instance);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        body.putAll(extra);
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }
}
