package io.scoregate.service.rest;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.scoregate.service.config.HttpConfig;
import io.scoregate.service.problem.ProblemException;
import io.scoregate.service.problem.ProblemType;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the lender port to the scoring API when {@code scoregate.http.operator-paths-need-token} is on (the
 * production profile): the admin API, metrics, OpenAPI and the health details answer only a request carrying
 * the admin bearer token; the Kubernetes probes stay open, because a kubelet carries no token, and
 * {@code /q/metrics} also answers {@code scoregate.http.metrics-token}, Prometheus' read-only token.
 * <p>
 * Why not Quarkus' separate management interface: {@code quarkus.management.enabled} is fixed at build time, so
 * one jar could not serve both the embedded default (everything on one port, which the gate and its users
 * read) and production. A build made with {@code -Dquarkus.profile=production} can still switch it on.
 */
@ApplicationScoped
public class OperatorPathGuard {

    /** Right after Quarkus stamps the arrival time, before body handling, our body guard and the REST layer. */
    static final int ORDER = RequestBodyGuard.ORDER - 1;
    private static final Set<String> PROBES = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");

    private static final Set<String> METRICS = Set.of("/q/metrics", "/q/metrics/");

    private final boolean enabled;
    private final AdminTokenCheck tokens;
    private final Optional<String> metricsToken;

    public OperatorPathGuard(HttpConfig http, AdminTokenCheck tokens) {
        this.enabled = http.operatorPathsNeedToken();
        this.tokens = tokens;
        this.metricsToken = http.metricsToken().map(String::trim).filter(t -> !t.isEmpty());
    }

    void install(@Observes Router router) {
        if (enabled) {
            router.route().order(ORDER).handler(this::guard);
        }
    }

    /** Whether a path is for operators rather than lenders, and not a probe. */
    static boolean isProtected(String path) {
        String p = path == null ? "" : path;
        if (PROBES.contains(p)) {
            return false;
        }
        return p.equals("/q") || p.startsWith("/q/") || p.equals(AdminRoutingResource.PATH)
                || p.startsWith("/admin/") || p.equals("/admin");
    }

    private void guard(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!isProtected(path)) {
            ctx.next();
            return;
        }
        Optional<String> authorization = Optional.ofNullable(ctx.request().getHeader(HttpHeaderNames.AUTHORIZATION));
        if (METRICS.contains(path) && metricsToken.isPresent()
                && AdminTokenCheck.matches(authorization, metricsToken.get())) {
            ctx.next(); // Prometheus' own token: metrics only
            return;
        }
        ProblemException refusal = switch (tokens.check(authorization)) {
            case ACCEPTED -> null;
            case MISSING -> new ProblemException(ProblemType.UNAUTHORIZED,
                    "this path is for operators: send the admin token as `Authorization: Bearer <token>`");
            case WRONG -> new ProblemException(ProblemType.FORBIDDEN,
                    "the bearer token is not the admin token");
            case NOT_CONFIGURED -> new ProblemException(ProblemType.ADMIN_TOKEN_NOT_CONFIGURED,
                    "operator paths need the admin token, and this instance has none configured");
        };
        if (refusal == null) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(refusal.type().status())
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"scoregate-admin\"")
                .putHeader(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .end(Problem.of(refusal, ctx.normalizedPath()).toJson());
    }
}
