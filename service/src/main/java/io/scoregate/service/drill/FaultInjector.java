package io.scoregate.service.drill;

import io.quarkus.runtime.Startup;
import io.scoregate.service.config.DrillConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.jboss.logging.Logger;

/**
 * Applies the configured drills. Versions without an active drill cost one map lookup. Every active drill
 * is logged at WARN at startup, so a drill left on in production is loud.
 */
@Startup
@ApplicationScoped
public class FaultInjector {

    private static final Logger LOG = Logger.getLogger(FaultInjector.class);

    private final Map<String, DrillPlan> active;
    private final RandomGenerator random;

    @Inject
    public FaultInjector(DrillConfig config) {
        this(plans(config), new SplittableRandom());
    }

    /** For tests: fixed plans and a seeded random. */
    public FaultInjector(Map<String, DrillPlan> plans, RandomGenerator random) {
        Map<String, DrillPlan> on = new TreeMap<>();
        plans.forEach((version, plan) -> {
            if (plan.active()) {
                on.put(version, plan);
                LOG.warnf("DRILL ACTIVE for model version %s: added latency median %.1f ms (sigma %.2f), "
                                + "timeout probability %.3f, error probability %.3f, %d extra evaluations per call. "
                                + "Never leave this on in production.",
                        version, plan.addedLatencyMedianMs(), plan.spread(), plan.timeoutProbability(),
                        plan.errorProbability(), plan.extraEvaluations());
            }
        });
        this.active = Map.copyOf(on);
        this.random = random;
    }

    private static Map<String, DrillPlan> plans(DrillConfig config) {
        Map<String, DrillPlan> plans = new TreeMap<>();
        config.versions().forEach((version, d) -> plans.put(version, new DrillPlan(version, d.addedLatencyMs(),
                d.addedLatencySpread(), d.timeoutProbability(), d.errorProbability(), d.extraEvaluations())));
        return plans;
    }

    public DrillEffect effectFor(String version) {
        DrillPlan plan = active.get(version);
        if (plan == null) {
            return DrillEffect.NONE;
        }
        synchronized (random) { // SplittableRandom is not thread-safe; drills are for staging, contention is fine
            return plan.draw(random);
        }
    }

    public Map<String, DrillPlan> activePlans() {
        return active;
    }
}
