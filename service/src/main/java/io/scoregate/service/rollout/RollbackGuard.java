package io.scoregate.service.rollout;

import io.quarkus.scheduler.Scheduled;
import io.scoregate.service.config.RolloutGuardConfig;
import io.scoregate.service.metrics.RecentTraffic;
import io.scoregate.service.metrics.RoutingMetrics;
import io.scoregate.service.routing.ChangeResult;
import io.scoregate.service.routing.RoutingService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Thin scheduled adapter around {@link RollbackPolicy}: looks every {@code scoregate.guard.interval}, and on
 * a breach takes the candidate's traffic away through the store (idempotent), then logs, counts and
 * notifies. The notification is asynchronous, so nothing here waits on the webhook.
 */
@ApplicationScoped
public class RollbackGuard {

    private static final Logger LOG = Logger.getLogger(RollbackGuard.class);

    private final RolloutGuardConfig config;
    private final RollbackPolicy policy;
    private final RoutingService routing;
    private final RecentTraffic traffic;
    private final RoutingMetrics metrics;
    private final RolloutNotifier notifier;

    public RollbackGuard(RolloutGuardConfig config, RoutingService routing, RecentTraffic traffic,
                         RoutingMetrics metrics, RolloutNotifier notifier) {
        this.config = config;
        this.policy = new RollbackPolicy(GuardThresholds.from(config), Clock.systemUTC());
        this.routing = routing;
        this.traffic = traffic;
        this.metrics = metrics;
        this.notifier = notifier;
    }

    /** Builds the policy at startup, so a bad threshold stops the service with its message instead of a tick. */
    void onStart(@Observes StartupEvent event) {
        GuardThresholds t = GuardThresholds.from(config);
        LOG.infof("rollback guard %s: every %s over %s, min %d requests, mean > %.2fx, p95 > %.2fx, "
                        + "timeouts > %.1f%%, errors > %.1f%%", config.enabled() ? "on" : "OFF", config.interval(),
                t.window(), t.minRequests(), t.meanLatencyFactor(), t.p95LatencyFactor(), 100 * t.maxTimeoutRate(),
                100 * t.maxErrorRate());
    }

    @Scheduled(every = "${scoregate.guard.interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (config.enabled()) {
            check();
        }
    }

    /** One look; returns what it decided (and did), for the tests of the wiring. */
    public GuardDecision check() {
        GuardDecision decision = policy.evaluate(routing.current(), traffic);
        if (!decision.breached()) {
            LOG.debugf("guard: %s", decision.reason());
            return decision;
        }
        String candidate = decision.candidate().orElseThrow();
        String rule = decision.rule().orElseThrow().label();
        String actor = "guard@" + routing.instanceId();
        ChangeResult result = routing.rollbackCandidate(candidate, actor,
                "automatic rollback by " + actor + " (rule " + rule + "): " + decision.reason());
        if (result instanceof ChangeResult.Applied applied) {
            LOG.warnf("ROLLBACK %s -> 0%% by %s, rule %s: %s; now %s", candidate, actor, rule, decision.reason(),
                    applied.table().summary());
            metrics.rollback(candidate, rule);
            notifier.notify(":rotating_light: scoregate rolled back " + candidate + " to 0% (rule " + rule
                    + ", instance " + routing.instanceId() + "): " + decision.reason() + ". Table now "
                    + applied.table().summary() + ".");
        } else if (result instanceof ChangeResult.Unchanged unchanged) {
            LOG.infof("guard: %s breached %s but the table already gives it no traffic (%s)", candidate, rule,
                    unchanged.table().summary());
        } else {
            LOG.errorf("guard: could not roll back %s (%s): %s; retrying on the next tick", candidate, rule, result);
        }
        return decision;
    }
}
