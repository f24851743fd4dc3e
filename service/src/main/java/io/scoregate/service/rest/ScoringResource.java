package io.scoregate.service.rest;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * The lender-facing endpoints. The body is taken as bytes, so malformed JSON and wrong types are answered
 * by our own validation (naming every bad field) rather than by a generic deserialization error.
 * <p>
 * Two choices here are for throughput. One media type is declared: problem answers set their own type, and
 * a second declared type would make the framework negotiate and look the writer up on every request. The
 * answer is a typed {@link CompletionStage}, already complete unless a drill delays it: a Mutiny {@code Uni}
 * would cost a context-propagation capture per request, and a {@code RestResponse<Object>} a writer lookup.
 * Problems arrive as a failed stage ({@link ProblemAnswer}) and are written by {@link ProblemMappers}.
 */
@Path("/")
@Tag(name = "scoring")
@Produces("application/json")
// The error answers both endpoints share (SmallRye OpenAPI applies class-level responses to every operation).
@APIResponse(responseCode = "400", description = "Invalid request (every bad field named) or unknown pinned version",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "Missing or unknown X-Api-Key (when authentication is on)")
@APIResponse(responseCode = "403", description = "Body names another lender, or pinning is not allowed")
@APIResponse(responseCode = "413", description = "Body over scoregate.http.max-body")
@APIResponse(responseCode = "504", description = "Scoring deadline exceeded")
public class ScoringResource {

    private final ScoringExchange exchange;

    public ScoringResource(ScoringExchange exchange) {
        this.exchange = exchange;
    }

    @POST
    @Path("risk-score")
    @Operation(summary = "Probability of default, score, risk band and reason codes for an SME application")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ApplicationSchema.class)))
    @APIResponse(responseCode = "200", description = "Scored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RiskScoreResponse.class)))
    public CompletionStage<RiskScoreResponse> riskScore(byte[] body,
                                                        @Parameter(description = "Lender API key") @RestHeader("X-Api-Key") String apiKey,
                                                        @Parameter(description = "Pin a model version, e.g. v1.2") @RestHeader("X-Model-Version") String version,
                                                        @RestHeader("X-Request-Id") String requestId,
                                                        @Context RoutingContext ctx) {
        return exchange.riskScore(body, headers(apiKey, version, requestId), Arrival.of(ctx))
                .thenApply(a -> withHeaders(a, ctx.response()));
    }

    @POST
    @Path("funding-approve")
    @Operation(summary = "Risk score plus the lender's funding decision and approved amount")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ApplicationSchema.class)))
    @APIResponse(responseCode = "200", description = "Decided",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = FundingApprovalResponse.class)))
    public CompletionStage<FundingApprovalResponse> fundingApprove(byte[] body, @RestHeader("X-Api-Key") String apiKey,
                                                                   @RestHeader("X-Model-Version") String version,
                                                                   @RestHeader("X-Request-Id") String requestId,
                                                                   @Context RoutingContext ctx) {
        return exchange.fundingApprove(body, headers(apiKey, version, requestId), Arrival.of(ctx))
                .thenApply(a -> withHeaders(a, ctx.response()));
    }

    /** The answer's body, once its X-Model-Version and X-Request-Id are on the response. */
    private static <T> T withHeaders(ScoringExchange.Answer<T> answer, HttpServerResponse response) {
        response.putHeader(ScoringExchange.MODEL_VERSION_HEADER, answer.modelVersion());
        response.putHeader(ScoringExchange.REQUEST_ID_HEADER, answer.requestId());
        return answer.body();
    }

    private static ScoringExchange.Headers headers(String apiKey, String version, String requestId) {
        return new ScoringExchange.Headers(Optional.ofNullable(apiKey), Optional.ofNullable(version),
                Optional.ofNullable(requestId));
    }
}
