package io.scoregate.service.rest;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.scoregate.service.config.HttpConfig;
import io.scoregate.service.metrics.MetricNames;
import io.scoregate.service.metrics.Outcome;
import io.scoregate.service.scoring.Endpoint;
import io.scoregate.service.scoring.RequestRecorder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.Optional;

/**
 * Guards request bodies at the Vert.x layer, before the framework's own limit and before Quarkus REST reads
 * anything, so every refusal is a problem document recorded like any other answer:
 * <ul>
 * <li>a declared Content-Length over {@code scoregate.http.max-body}: 413 without reading the body (the
 * framework's limit, {@code quarkus.http.limits.max-body-size}, would answer an empty 413 and log nothing);</li>
 * <li>(not here: a body without a declared length, chunked, is measured by {@link ScoringExchange} once read;
 * past {@code quarkus.http.limits.max-body-size} the framework still answers it with an empty 413. Reading it
 * here and handing it on does not work: Quarkus REST pauses the request when it starts, which fails on a
 * request already read.)</li>
 * <li>a body that has not fully arrived {@code scoregate.http.body-timeout} after the headers: 408 (nothing
 * else times it out: Quarkus REST waits for a non-blocking body forever).</li>
 * </ul>
 * Each refusal closes the connection (the rest of the body was not read, so it cannot carry another request),
 * after draining what the client is still sending for a moment, so that it reads our answer rather than a
 * reset. On the scoring paths refusals are recorded as REJECTED (metrics, access log).
 */
@ApplicationScoped
public class RequestBodyGuard {

    /** Before the framework's upload limit, which would otherwise answer first. */
    static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;
    /** After a refusal: how much more of the body is read and discarded, and for how long, before closing. */
    private static final long DRAIN_BYTES = 4 << 20;
    private static final long DRAIN_MILLIS = 2000;

    private final long maxBodyBytes;
    private final long bodyTimeoutMillis;
    private final RequestRecorder recorder;

    public RequestBodyGuard(HttpConfig http, RequestRecorder recorder) {
        this.maxBodyBytes = http.maxBody().asLongValue();
        this.bodyTimeoutMillis = Math.max(1, http.bodyTimeout().toMillis());
        this.recorder = recorder;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::guard);
    }

    private void guard(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded() || request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD) {
            ctx.next();
            return;
        }
        Arrival received = Arrival.of(ctx);
        Optional<Long> declared = declaredLength(request);
        if (declared.isPresent() && declared.get() > maxBodyBytes) {
            refuse(ctx, received, ScoringExchange.tooLarge(declared.get(), maxBodyBytes));
            return;
        }
        Vertx vertx = ctx.vertx();
        long timer = vertx.setTimer(bodyTimeoutMillis, id -> {
            if (!request.isEnded()) {
                refuse(ctx, received, new ProblemException(ProblemType.BODY_TIMEOUT, "the request body did not "
                        + "arrive within " + bodyTimeoutMillis + " ms of its headers (scoregate.http.body-timeout)"));
            }
        });
        ctx.addEndHandler(done -> vertx.cancelTimer(timer));
        ctx.next();
    }

    private void refuse(RoutingContext ctx, Arrival received, ProblemException problem) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        HttpServerRequest request = ctx.request();
        String path = request.path();
        String requestId = RequestIds.from(request.getHeader(ScoringExchange.REQUEST_ID_HEADER));
        if (request.method() == HttpMethod.POST) {
            Arrays.stream(Endpoint.values()).filter(e -> e.path().equals(path)).findFirst().ifPresent(e ->
                    recorder.record(received.at(), requestId, "", e, MetricNames.NO_VERSION, Outcome.REJECTED,
                            problem.type().status(), received.elapsedNanos()));
        }
        if (response.headWritten()) {
            request.connection().close();
            return;
        }
        response.setStatusCode(problem.type().status())
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(ScoringExchange.MODEL_VERSION_HEADER, MetricNames.NO_VERSION)
                .putHeader(ScoringExchange.REQUEST_ID_HEADER, requestId)
                .putHeader(HttpHeaderNames.CONNECTION, "close")
                .end(problem.toProblem(path).toJson());
        closeAfterDrain(ctx);
    }

    /**
     * Closing while the client still sends makes its TCP stack see a reset, often before it reads the answer;
     * so the body is discarded for a moment (bounded in bytes and time) and the connection closed after it.
     */
    private static void closeAfterDrain(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded()) {
            request.connection().close();
            return;
        }
        long[] drained = {0};
        long timer = ctx.vertx().setTimer(DRAIN_MILLIS, id -> request.connection().close());
        request.handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > DRAIN_BYTES) {
                ctx.vertx().cancelTimer(timer);
                request.connection().close();
            }
        });
        request.endHandler(end -> {
            ctx.vertx().cancelTimer(timer);
            request.connection().close();
        });
        request.exceptionHandler(ignored -> ctx.vertx().cancelTimer(timer)); // the client went away first
        request.resume();
    }

    private static Optional<Long> declaredLength(HttpServerRequest request) {
        String value = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty(); // Netty refuses a malformed Content-Length before we see the request
        }
    }
}
