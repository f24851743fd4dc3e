package io.scoregate.service.rest;

import io.scoregate.contract.Headers;
import io.scoregate.service.scoring.ScoringPipeline;
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
 * The lender-facing endpoints: HTTP in (body bytes, headers, the request's arrival), the {@link ScoringPipeline}
 * (which does the work and the recording), HTTP out (the response body and its X-Model-Version and X-Request-Id
 * headers). The body is taken as bytes, so malformed JSON and wrong types are answered by our own validation
 * (naming every bad field) rather than by a generic deserialization error.
 * <p>
 * Two choices here are for throughput. One media type is declared: problem answers set their own type, and
 * a second declared type would make the framework negotiate and look the writer up on every request. The
 * answer is a typed {@link CompletionStage}, already complete unless a drill delays it: a Mutiny {@code Uni}
 * would cost a context-propagation capture per request, and a {@code RestResponse<Object>} a writer lookup.
 * Problems arrive as a failed stage ({@code scoring.ProblemAnswer}) and are written by {@link ProblemMappers}.
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

    private final ScoringPipeline pipeline;

    public ScoringResource(ScoringPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @POST
    @Path("risk-score")
    @Operation(summary = "Probability of default, score, risk band and reason codes for an SME application")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ApplicationSchema.class)))
    @APIResponse(responseCode = "200", description = "Scored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RiskScoreResponse.class)))
    public CompletionStage<RiskScoreResponse> riskScore(byte[] body,
                                                        @Parameter(description = "Lender API key") @RestHeader(Headers.API_KEY) String apiKey,
                                                        @Parameter(description = "Pin a model version, e.g. v1.2") @RestHeader(Headers.MODEL_VERSION) String version,
                                                        @RestHeader(Headers.REQUEST_ID) String requestId,
                                                        @Context RoutingContext ctx) {
        return pipeline.riskScore(body, request(apiKey, version, requestId), ArrivalStamp.of(ctx))
                .thenApply(r -> withHeaders(RiskScoreResponse.of(r.applicationId(), r.score()), r.score().modelVersion(),
                        r.requestId(), ctx.response()));
    }

    @POST
    @Path("funding-approve")
    @Operation(summary = "Risk score plus the lender's funding decision and approved amount")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ApplicationSchema.class)))
    @APIResponse(responseCode = "200", description = "Decided",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = FundingApprovalResponse.class)))
    public CompletionStage<FundingApprovalResponse> fundingApprove(byte[] body, @RestHeader(Headers.API_KEY) String apiKey,
                                                                   @RestHeader(Headers.MODEL_VERSION) String version,
                                                                   @RestHeader(Headers.REQUEST_ID) String requestId,
                                                                   @Context RoutingContext ctx) {
        return pipeline.fundingApprove(body, request(apiKey, version, requestId), ArrivalStamp.of(ctx))
                .thenApply(r -> withHeaders(FundingApprovalResponse.of(r.applicationId(), r.score(), r.decision()),
                        r.score().modelVersion(), r.requestId(), ctx.response()));
    }

    /** The answer's body, once its X-Model-Version and X-Request-Id are on the response. */
    private static <T> T withHeaders(T body, String modelVersion, String requestId, HttpServerResponse response) {
        response.putHeader(Headers.MODEL_VERSION, modelVersion);
        response.putHeader(Headers.REQUEST_ID, requestId);
        return body;
    }

    private static ScoringPipeline.Request request(String apiKey, String version, String requestId) {
        return new ScoringPipeline.Request(Optional.ofNullable(apiKey), Optional.ofNullable(version),
                Optional.ofNullable(requestId));
    }
}
