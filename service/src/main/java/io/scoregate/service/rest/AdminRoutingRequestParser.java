package io.scoregate.service.rest;

import io.scoregate.service.problem.FieldError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scoregate.service.model.ModelCatalog;
import io.scoregate.service.routing.RoutingChange;
import io.scoregate.service.routing.RoutingTableRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a PUT /admin/routing body into a {@link RoutingChange}, naming every problem at once: the JSON
 * shape first, then the versions (known and loaded, per the {@link ModelCatalog}) and the weight rules.
 * The body is parsed here rather than by a global mapper so the admin API's 400s never depend on how the
 * scoring endpoints map their JSON errors.
 */
final class AdminRoutingRequestParser {

    static final int MAX_REASON = 500;
    private static final Set<String> FIELDS = Set.of("stable", "candidate", "weights", "expectedRevision", "reason");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Either a change or the problems that stop it; exactly one is present. */
    record Parsed(Optional<RoutingChange> change, List<FieldError> errors, boolean malformed) {
    }

    private AdminRoutingRequestParser() {
    }

    static Parsed parse(String body, String actor, ModelCatalog catalog) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            return new Parsed(Optional.empty(), List.of(new FieldError("body", "#", "body is not valid JSON: "
                    + e.getOriginalMessage())), true);
        }
        if (root == null || !root.isObject()) {
            return new Parsed(Optional.empty(), List.of(new FieldError("body", "#", "body must be a JSON object")), true);
        }
        List<FieldError> errors = new ArrayList<>();
        root.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                errors.add(FieldError.of(f, "unknown field `" + f + "`; allowed: stable, candidate, weights, expectedRevision, reason"));
            }
        });
        String stable = text(root, "stable", true, errors);
        String candidate = text(root, "candidate", false, errors);
        String reason = text(root, "reason", true, errors);
        if (reason != null && reason.length() > MAX_REASON) {
            errors.add(FieldError.of("reason", "`reason` must be at most " + MAX_REASON + " characters, but was "
                    + reason.length()));
        }
        long expectedRevision = -1;
        JsonNode rev = root.get("expectedRevision");
        if (rev == null || rev.isNull()) {
            errors.add(FieldError.of("expectedRevision",
                    "`expectedRevision` is required (the revision you read from GET /admin/routing)"));
        } else if (!rev.isIntegralNumber() || !rev.canConvertToLong() || rev.asLong() < 0) {
            errors.add(FieldError.of("expectedRevision", "`expectedRevision` must be a whole number >= 0, but was " + rev));
        } else {
            expectedRevision = rev.asLong();
        }
        Map<String, Integer> weights = new LinkedHashMap<>();
        JsonNode w = root.get("weights");
        if (w == null || w.isNull()) {
            errors.add(FieldError.of("weights", "`weights` is required, e.g. {\"v1.2\":95,\"v1.3\":5}"));
        } else if (!w.isObject()) {
            errors.add(FieldError.of("weights",
                    "`weights` must be an object of version to integer percent, but was " + w.getNodeType()));
        } else {
            w.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                    errors.add(new FieldError("weights." + e.getKey(), "#/weights/" + pointerToken(e.getKey()),
                            "`weights." + e.getKey() + "` must be an integer between 0 and 100, but was " + v));
                } else {
                    weights.put(e.getKey(), v.asInt());
                }
            });
        }
        if (stable != null) {
            versionProblem("stable", stable, catalog).ifPresent(m -> errors.add(FieldError.of("stable", m)));
        }
        if (candidate != null) {
            versionProblem("candidate", candidate, catalog).ifPresent(m -> errors.add(FieldError.of("candidate", m)));
        }
        if (stable != null && w != null && w.isObject()) {
            RoutingTableRules.weightProblems(stable, candidate, weights).forEach(m -> errors.add(FieldError.of("weights", m)));
        }
        if (!errors.isEmpty()) {
            return new Parsed(Optional.empty(), List.copyOf(errors), false);
        }
        return new Parsed(Optional.of(new RoutingChange(stable, Optional.ofNullable(candidate), weights,
                expectedRevision, reason.trim(), actor)), List.of(), false);
    }

    private static String text(JsonNode root, String field, boolean required, List<FieldError> errors) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                errors.add(FieldError.of(field, "`" + field + "` is required"));
            }
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            errors.add(FieldError.of(field, "`" + field + "` must be a non-empty string, but was " + n));
            return null;
        }
        return n.asText().trim();
    }

    private static Optional<String> versionProblem(String field, String version, ModelCatalog catalog) {
        if (catalog.loadedVersions().contains(version)) {
            return Optional.empty();
        }
        String failed = catalog.failedVersions().get(version);
        if (failed != null) {
            return Optional.of("`" + field + "` names " + version + ", which failed to load (" + failed + ")");
        }
        return Optional.of("`" + field + "` names unknown version " + version + "; loaded versions: "
                + String.join(", ", catalog.loadedVersions()));
    }

    /** A JSON Pointer reference token (RFC 6901): a version name may hold neither {@code ~} nor {@code /} raw. */
    private static String pointerToken(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
