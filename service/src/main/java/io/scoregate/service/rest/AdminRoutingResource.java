package io.scoregate.service.rest;

import io.scoregate.service.problem.FieldError;
import io.scoregate.service.problem.ProblemType;
import java.util.stream.Collectors;
import io.scoregate.service.model.ModelCatalog;
import io.scoregate.service.routing.ChangeResult;
import io.scoregate.service.routing.RoutingService;
import io.scoregate.service.routing.RoutingStoreException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The routing admin API. Reads are open in the embedded default (anyone checking propagation needs them) and
 * need the admin token where {@code scoregate.http.operator-paths-need-token} is on ({@link OperatorPathGuard});
 * writes always need the admin bearer token. HTTP in, {@link RoutingService} call, HTTP out.
 * <p>
 * A store failure is answered without its internals (exception classes, file paths, the Redis address): the
 * problem names the store kind and points to this instance's log and readiness check, where the cause is.
 */
@Path("/admin/routing")
@Produces(MediaType.APPLICATION_JSON)
public class AdminRoutingResource {

    private static final Logger LOG = Logger.getLogger(AdminRoutingResource.class);
    static final String PATH = "/admin/routing";
    static final int MAX_ACTOR = 100;

    private final RoutingService routing;
    private final AdminTokenCheck tokens;
    private final ModelCatalog catalog;

    public AdminRoutingResource(RoutingService routing, AdminTokenCheck tokens, ModelCatalog catalog) {
        this.routing = routing;
        this.tokens = tokens;
        this.catalog = catalog;
    }

    @GET
    public AdminRoutingView get() {
        return AdminRoutingView.of(routing.storeView(), routing);
    }

    @GET
    @Path("/audit")
    public Response audit(@QueryParam("limit") @DefaultValue("50") String limitParam) {
        int limit;
        try {
            limit = Integer.parseInt(limitParam.trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 1000) {
            String problem = "`limit` must be between 1 and 1000, but was " + limitParam;
            return AdminRoutingProblem.of(ProblemType.INVALID_PARAMETER, problem, PATH + "/audit",
                    List.of(FieldError.of("limit", problem)), Map.of());
        }
        try {
            return Response.ok(new AdminRoutingAuditView(routing.storeKind(), routing.recentAudit(limit))).build();
        } catch (RoutingStoreException e) {
            return storeUnavailable("read", e.getMessage(), PATH + "/audit");
        }
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    public Response put(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                        @HeaderParam("X-Actor") String actorHeader, String body) {
        switch (tokens.check(Optional.ofNullable(authorization))) {
            case NOT_CONFIGURED:
                return AdminRoutingProblem.of(ProblemType.ADMIN_TOKEN_NOT_CONFIGURED,
                        "routing writes are disabled: no admin token is configured (set SCOREGATE_ADMIN_TOKEN or "
                                + "scoregate.admin.token-file), so routing changes are refused rather than open", PATH);
            case MISSING:
                return Response.fromResponse(AdminRoutingProblem.of(ProblemType.UNAUTHORIZED,
                                "send the admin token as `Authorization: Bearer <token>`", PATH))
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"scoregate-admin\"").build();
            case WRONG:
                return AdminRoutingProblem.of(ProblemType.FORBIDDEN,
                        "the bearer token is not the admin token; nothing was changed", PATH);
            case ACCEPTED:
            default:
                break;
        }
        String actor = Optional.ofNullable(actorHeader).map(String::trim).filter(a -> !a.isEmpty())
                .map(a -> a.length() > MAX_ACTOR ? a.substring(0, MAX_ACTOR) : a).orElse("admin");
        var parsed = AdminRoutingRequestParser.parse(body, actor, catalog);
        if (parsed.change().isEmpty()) {
            return AdminRoutingProblem.of(
                    parsed.malformed() ? ProblemType.MALFORMED_JSON : ProblemType.INVALID_ROUTING_CHANGE,
                    parsed.errors().stream().map(FieldError::detail).collect(Collectors.joining("; ")), PATH,
                    parsed.malformed() ? List.of() : parsed.errors(), Map.of());
        }
        ChangeResult result = routing.change(parsed.change().get());
        if (result instanceof ChangeResult.Applied applied) {
            LOG.infof("routing changed by %s: %s (%s)", LogText.escape(actor), applied.table().summary(),
                    LogText.escape(applied.table().reason()));
            return Response.ok(AdminRoutingView.of(applied.table(), routing)).build();
        }
        if (result instanceof ChangeResult.Conflict conflict) {
            return AdminRoutingProblem.of(ProblemType.REVISION_CONFLICT,
                    "`expectedRevision` was " + conflict.expectedRevision() + " but the table is at revision "
                            + conflict.storeRevision() + "; read it again and retry", PATH, List.of(),
                    Map.of("currentRevision", conflict.storeRevision()));
        }
        String detail = result instanceof ChangeResult.StoreUnavailable u ? u.detail() : String.valueOf(result);
        return storeUnavailable("written", detail, PATH);
    }

    private Response storeUnavailable(String verb, String cause, String instance) {
        LOG.warnf("routing store %s cannot be %s: %s", routing.storeKind(), verb, LogText.escape(cause));
        String detail = "the routing store (" + routing.storeKind() + ") cannot be " + verb + " right now"
                + ("written".equals(verb) ? "; nothing was changed, instances keep serving their last table" : "")
                + ". The cause is in this instance's log and its readiness check (routing-store)";
        return Response.fromResponse(AdminRoutingProblem.of(ProblemType.ROUTING_STORE_UNAVAILABLE, detail,
                        instance))
                .header(HttpHeaders.RETRY_AFTER, "5").build();
    }
}
