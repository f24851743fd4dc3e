package io.scoregate.service.rest;

import io.scoregate.service.scoring.Endpoint;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The lender-facing endpoints. The body is taken as bytes, so malformed JSON and wrong types are answered
 * by our own validation (naming every bad field) rather than by a generic deserialization error.
 */
@Path("/")
@Tag(name = "scoring")
@Produces({"application/json", Problem.MEDIA_TYPE})
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
    public Uni<RestResponse<Object>> riskScore(byte[] body,
                                               @Parameter(description = "Lender API key") @RestHeader("X-Api-Key") String apiKey,
                                               @Parameter(description = "Pin a model version, e.g. v1.2") @RestHeader("X-Model-Version") String version,
                                               @RestHeader("X-Request-Id") String requestId) {
        return exchange.handle(Endpoint.RISK_SCORE, body, headers(apiKey, version, requestId));
    }

    @POST
    @Path("funding-approve")
    @Operation(summary = "Risk score plus the lender's funding decision and approved amount")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ApplicationSchema.class)))
    @APIResponse(responseCode = "200", description = "Decided",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = FundingApprovalResponse.class)))
    public Uni<RestResponse<Object>> fundingApprove(byte[] body, @RestHeader("X-Api-Key") String apiKey,
                                                    @RestHeader("X-Model-Version") String version,
                                                    @RestHeader("X-Request-Id") String requestId) {
        return exchange.handle(Endpoint.FUNDING_APPROVE, body, headers(apiKey, version, requestId));
    }

    private static ScoringExchange.Headers headers(String apiKey, String version, String requestId) {
        return new ScoringExchange.Headers(Optional.ofNullable(apiKey), Optional.ofNullable(version),
                Optional.ofNullable(requestId));
    }
}
