package io.scoregate.service.rollout;

import io.quarkus.scheduler.Scheduled;
import io.scoregate.service.config.RolloutGuardConfig;
import io.scoregate.service.metrics.RoutingMetrics;
import io.scoregate.service.metrics.TrafficTotals;
import io.scoregate.service.routing.ChangeResult;
import io.scoregate.service.routing.RoutingApplied;
import io.scoregate.service.routing.RoutingService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Thin adapter around {@link RollbackPolicy}: tells it every table this instance applies (which starts and
 * ends canary phases), looks every {@code scoregate.guard.interval}, and on a breach takes the candidate's
 * traffic away through the store (idempotent), then logs, counts and notifies. The notification is asynchronous, so nothing here waits on the webhook.
 */
@ApplicationScoped
public class RollbackGuard {

    private static final Logger LOG = Logger.getLogger(RollbackGuard.class);

    private final RolloutGuardConfig config;
    private final GuardThresholds thresholds;
    private final RollbackPolicy policy;
    private final RoutingService routing;
    private final TrafficTotals traffic;
    private final RoutingMetrics metrics;
    private final RolloutNotifier notifier;

    public RollbackGuard(RolloutGuardConfig config, RoutingService routing, TrafficTotals traffic,
                         RoutingMetrics metrics, RolloutNotifier notifier, Clock clock) {
        this.config = config;
        this.thresholds = GuardThresholds.from(config);
        this.policy = new RollbackPolicy(thresholds, clock);
        this.routing = routing;
        this.traffic = traffic;
        this.metrics = metrics;
        this.notifier = notifier;
    }

    /** Builds the policy at startup, so a bad threshold stops the service with its message instead of a tick. */
    void onStart(@Observes StartupEvent event) {
        LOG.infof("rollback guard %s: every %s, anytime-valid at alpha %s per canary phase; p95 > %.2fx, "
                        + "timeouts > %.1f%%, errors > %.1f%%; candidate latencies count after %d requests and %s",
                config.enabled() ? "on" : "OFF", config.interval(), thresholds.alpha(), thresholds.p95LatencyFactor(),
                100 * thresholds.maxTimeoutRate(), 100 * thresholds.maxErrorRate(), thresholds.warmupRequests(),
                thresholds.warmup());
    }

    /**
     * Fires synchronously inside the routing service when this instance applies a table: a new phase's totals
     * are taken right here, so no request routed by the new table is lost to the tick interval. Runs under the
     * routing service's lock, so it only takes the policy's (never calls back into routing).
     */
    void onApplied(@Observes RoutingApplied event) {
        RollbackPolicy.PhaseChange change;
        synchronized (policy) {
            change = policy.applied(event.table(), traffic);
        }
        switch (change) {
            case STARTED -> LOG.infof("guard: watching %s against %s from now (%s)",
                    event.table().liveCandidate().orElseThrow(), event.table().stable(), event.table().summary());
            case ENDED -> LOG.infof("guard: canary phase ended (%s)", event.table().summary());
            case NONE, KEPT -> {
                // nothing new to say
            }
        }
    }

    @Scheduled(every = "${scoregate.guard.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (config.enabled()) {
            check();
        }
    }

    /** One look; returns what it decided (and did), for the tests of the wiring. */
    public GuardDecision check() {
        GuardDecision decision;
        // the table is read under the policy's lock, so a table applied meanwhile (onApplied) is never undone by
        // an older one read before it; the lock is released before the rollback below, whose table change fires
        // onApplied while the routing service holds its own lock: never hold both the other way round
        synchronized (policy) {
            decision = policy.evaluate(routing.current(), traffic);
        }
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
