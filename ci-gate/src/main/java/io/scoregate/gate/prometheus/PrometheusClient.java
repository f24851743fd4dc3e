package io.scoregate.gate.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scoregate.gate.http.BoundedExchange;
import io.scoregate.gate.http.ExchangeFailedException;
import io.scoregate.gate.rollout.PrometheusText;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Instant queries against the Prometheus HTTP API ({@code GET /api/v1/query}), through the gate's one bounded
 * exchange: a deadline for the whole answer and a cap on its size, like every other call the gate makes.
 */
public final class PrometheusClient {

    /** An instant vector of a range aggregation over a fleet: a few hundred series; 16 MiB is far above it. */
    static final long BODY_CAP = 16L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final BoundedExchange http;
    private final Duration timeout;

    public PrometheusClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = new BoundedExchange(HttpClient.newBuilder().connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1).build());
    }

    /** The samples of an instant vector query, each named {@code name} (a vector's samples carry no name). */
    public List<PrometheusText.Sample> vector(String query, String name) throws PrometheusException,
            InterruptedException {
        URI uri = base.resolve("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                    .GET().build(), new BoundedExchange.Limits(timeout, BODY_CAP));
        } catch (ExchangeFailedException e) {
            throw new PrometheusException(PrometheusException.Kind.UNAVAILABLE, "Prometheus at " + base
                    + " did not answer: " + e.getMessage());
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new PrometheusException(PrometheusException.Kind.UNAVAILABLE, "Prometheus at " + base
                    + " answered HTTP " + response.statusCode() + " that is not its API's JSON");
        }
        if (body == null || !body.isObject()) {
            throw new PrometheusException(PrometheusException.Kind.UNAVAILABLE, "Prometheus at " + base
                    + " answered HTTP " + response.statusCode() + " without a JSON object");
        }
        if (!"success".equals(body.path("status").asText())) {
            String type = body.path("errorType").asText("unknown");
            String error = body.path("error").asText("no error message");
            // bad_data: the query itself (a malformed --selector); anything else is Prometheus' trouble
            throw new PrometheusException("bad_data".equals(type) ? PrometheusException.Kind.BAD_QUERY
                    : PrometheusException.Kind.UNAVAILABLE, "Prometheus at " + base + " refused the query ("
                    + type + "): " + firstLine(error));
        }
        JsonNode data = body.path("data");
        if (!"vector".equals(data.path("resultType").asText()) || !data.path("result").isArray()) {
            throw new PrometheusException(PrometheusException.Kind.UNAVAILABLE, "Prometheus at " + base
                    + " answered a " + data.path("resultType").asText("missing") + " result, not an instant vector");
        }
        List<PrometheusText.Sample> samples = new ArrayList<>();
        for (JsonNode series : data.path("result")) {
            Map<String, String> labels = new HashMap<>();
            series.path("metric").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
            JsonNode value = series.path("value");
            double v = parseValue(value.path(1).asText(""));
            if (!Double.isFinite(v) || v < 0) {
                continue; // NaN from an empty rate window, or a counter reset artefact: no requests to count
            }
            samples.add(new PrometheusText.Sample(name, labels, v));
        }
        return samples;
    }

    private static double parseValue(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
