package io.scoregate.gate.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scoregate.gate.http.BoundedExchange;
import io.scoregate.gate.http.ExchangeFailedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link RoutingAdmin} over HTTP with the JDK client; the admin token goes in a bearer header, never in a URL.
 * Every call is a {@link BoundedExchange}: the whole exchange within the timeout, at most {@link #ADMIN_BODY_CAP}
 * of admin JSON and {@link #METRICS_BODY_CAP} of metrics text.
 */
public final class HttpRoutingAdmin implements RoutingAdmin {

    /** A routing table or a problem document is a few hundred bytes. */
    public static final long ADMIN_BODY_CAP = 1L << 20;
    /** The service's whole {@code /q/metrics} is ~100 KB with a handful of versions. */
    public static final long METRICS_BODY_CAP = 8L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BoundedExchange http;
    private final Optional<String> token;
    private final String actor;
    private final Duration timeout;

    public HttpRoutingAdmin(Optional<String> token, String actor, Duration timeout) {
        this.http = new BoundedExchange(
                HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build());
        this.token = token;
        this.actor = actor;
        this.timeout = timeout;
    }

    @Override
    public RoutingView read(URI target) throws AdminException {
        var response = send(target, authorized(HttpRequest.newBuilder(target.resolve("/admin/routing")).GET()),
                ADMIN_BODY_CAP);
        return view(target, response);
    }

    @Override
    public RoutingView write(URI target, RoutingChangeRequest change) throws AdminException {
        ObjectNode body = JSON.createObjectNode();
        body.put("stable", change.stable());
        change.candidate().ifPresent(c -> body.put("candidate", c));
        ObjectNode weights = body.putObject("weights");
        change.weights().forEach(weights::put);
        body.put("expectedRevision", change.expectedRevision());
        body.put("reason", change.reason());
        var request = HttpRequest.newBuilder(target.resolve("/admin/routing"))
                .header("Content-Type", "application/json")
                .header("X-Actor", actor)
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString()));
        return view(target, send(target, authorized(request), ADMIN_BODY_CAP));
    }

    @Override
    public LatencyHistogramSnapshot scrape(URI target) throws AdminException {
        var response = send(target, authorized(HttpRequest.newBuilder(target.resolve("/q/metrics"))
                .header("Accept", "text/plain").GET()), METRICS_BODY_CAP);
        try {
            return LatencyHistogramSnapshot.of(PrometheusText.parse(BoundedExchange.text(response)));
        } catch (IllegalArgumentException e) {
            throw new AdminException(target + "/q/metrics: " + e.getMessage(), response.statusCode());
        }
    }

    private HttpResponse<byte[]> send(URI target, HttpRequest.Builder request, long bodyCap) throws AdminException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.timeout(timeout).build(), new BoundedExchange.Limits(timeout, bodyCap));
        } catch (ExchangeFailedException e) {
            throw new AdminException(e.getMessage(), 0);
        } catch (InterruptedException e) {
            // RoutingAdmin callers only know AdminException; the flag stays set, so every later call fails at once
            // without sending anything, and the next pause of the rollout throws (SIGTERM leaves the table alone)
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted while calling " + target, 0);
        }
        if (response.statusCode() / 100 != 2) {
            throw new AdminException(target + " answered " + response.statusCode()
                    + problemDetail(BoundedExchange.text(response)), response.statusCode());
        }
        return response;
    }

    private static String problemDetail(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("detail")) {
                return ": " + node.get("detail").asText();
            }
        } catch (IOException e) {
            // not a problem document; the status code says enough
        }
        return "";
    }

    private static RoutingView view(URI target, HttpResponse<byte[]> response) throws AdminException {
        try {
            JsonNode n = JSON.readTree(response.body());
            Map<String, Integer> weights = new HashMap<>();
            n.path("weights").fields().forEachRemaining(e -> weights.put(e.getKey(), e.getValue().asInt()));
            JsonNode candidate = n.path("candidate");
            return new RoutingView(target, n.path("revision").asLong(), n.path("stable").asText(),
                    candidate.isTextual() ? Optional.of(candidate.asText()) : Optional.empty(), weights,
                    n.path("appliedRevision").asLong(n.path("revision").asLong()), n.path("instanceId").asText(""),
                    n.path("updatedBy").asText(""), n.path("reason").asText(""));
        } catch (IOException e) {
            throw new AdminException(target + "/admin/routing did not answer JSON", response.statusCode());
        }
    }

    /**
     * The admin token goes with every call, reads and metrics too: a production instance keeps its operator paths
     * to the token holder (the service's {@code scoregate.http.operator-paths-need-token}).
     */
    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return request;
    }
}
