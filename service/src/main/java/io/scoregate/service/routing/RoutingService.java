package io.scoregate.service.routing;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** PLACEHOLDER owned by the routing work: 100% on v1.2 until the real store and router land. */
@ApplicationScoped
public class RoutingService implements TrafficRouter {

    private final RoutingTable table = new RoutingTable(1, "v1.2", Optional.empty(), Map.of("v1.2", 100),
            Instant.EPOCH, "bootstrap", "initial table");

    @Override
    public String route(String applicationId) {
        return table.stable();
    }

    @Override
    public RoutingTable current() {
        return table;
    }
}
