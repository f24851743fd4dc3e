package io.scoregate.gate.rollout;

import java.net.URI;
import java.util.List;

/**
 * Where the fleet's cumulative request histograms come from: each instance's own {@code /q/metrics}, summed (the
 * default), or a Prometheus that scrapes them ({@code --metrics prometheus}). Two readings around a hold give the
 * requests of that hold ({@link LatencyHistogramSnapshot#minus}).
 */
@FunctionalInterface
public interface FleetHistograms {

    /** The fleet's histograms now; fails rather than give a partial sum, which would mislead. */
    LatencyHistogramSnapshot now(List<URI> targets) throws RoutingAdmin.AdminException;

    /** Every target's {@code /q/metrics}, summed. */
    static FleetHistograms ofInstances(RoutingAdmin admin) {
        return targets -> {
            var sum = LatencyHistogramSnapshot.empty();
            for (URI target : targets) {
                sum = sum.plus(admin.scrape(target));
            }
            return sum;
        };
    }
}
