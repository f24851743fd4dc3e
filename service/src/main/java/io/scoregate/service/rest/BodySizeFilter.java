package io.scoregate.service.rest;

import io.scoregate.service.config.HttpConfig;
import io.scoregate.service.metrics.MetricNames;
import io.scoregate.service.metrics.Outcome;
import io.scoregate.service.scoring.Endpoint;
import io.scoregate.service.scoring.RequestRecorder;
import java.time.Instant;
import java.util.Arrays;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a declared Content-Length over scoregate.http.max-body before the body is read, with a problem
 * document (the framework's own limit would answer with an empty 413). Chunked bodies without a length
 * are measured by {@link ScoringExchange} once read.
 */
public class BodySizeFilter {

    private final long maxBodyBytes;
    private final RequestRecorder recorder;

    public BodySizeFilter(HttpConfig http, RequestRecorder recorder) {
        this.maxBodyBytes = http.maxBody().asLongValue();
        this.recorder = recorder;
    }

    @ServerRequestFilter(preMatching = true)
    public Response refuseLargeBodies(ContainerRequestContext request) {
        int length = request.getLength();
        if (length > maxBodyBytes) {
            long start = System.nanoTime();
            String path = request.getUriInfo().getPath();
            String requestId = RequestIds.from(request.getHeaderString(ScoringExchange.REQUEST_ID_HEADER));
            Arrays.stream(Endpoint.values()).filter(e -> e.path().equals(path)).findFirst().ifPresent(e ->
                    recorder.record(Instant.now(), requestId, "", e, MetricNames.NO_VERSION, Outcome.REJECTED, 413,
                            System.nanoTime() - start));
            return new ProblemAnswer(ScoringExchange.tooLarge(length, maxBodyBytes).toProblem(path),
                    MetricNames.NO_VERSION, requestId).toResponse();
        }
        return null;
    }
}
