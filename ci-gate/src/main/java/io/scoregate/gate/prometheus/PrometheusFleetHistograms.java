package io.scoregate.gate.prometheus;

import io.scoregate.gate.rollout.FleetHistograms;
import io.scoregate.gate.rollout.LatencyHistogramSnapshot;
import io.scoregate.gate.rollout.RoutingAdmin;
import java.net.URI;
import java.util.List;

/**
 * The fleet's cumulative histograms as Prometheus last scraped them, summed over the instances the selector matches
 * ({@code rollout}/{@code rollback --metrics prometheus}); the targets are still the ones whose routing is changed and
 * verified. Evidence lags by up to one scrape interval; a restarted instance makes the sum drop, which
 * {@link LatencyHistogramSnapshot#minus} treats as a counter reset, as Prometheus' own {@code increase()} does.
 */
public final class PrometheusFleetHistograms implements FleetHistograms {

    private final PrometheusClient prometheus;
    private final String query;

    public PrometheusFleetHistograms(PrometheusClient prometheus, String selector) {
        this.prometheus = prometheus;
        this.query = PrometheusWindow.cumulativeQuery(selector);
    }

    @Override
    public LatencyHistogramSnapshot now(List<URI> targets) throws RoutingAdmin.AdminException {
        try {
            return LatencyHistogramSnapshot.of(prometheus.vector(query, LatencyHistogramSnapshot.BUCKET_METRIC));
        } catch (PrometheusException e) {
            throw new RoutingAdmin.AdminException(e.getMessage(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RoutingAdmin.AdminException("interrupted while querying Prometheus", 0);
        }
    }
}
