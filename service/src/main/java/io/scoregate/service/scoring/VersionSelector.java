package io.scoregate.service.scoring;

import io.scoregate.service.config.ScoringConfig;
import io.scoregate.service.model.ModelRegistry;
import io.scoregate.service.model.ScoringModel;
import io.scoregate.service.routing.TrafficRouter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Picks the model for a request: the pinned version when pinning is allowed, else the router's choice. */
@ApplicationScoped
public class VersionSelector {

    private final ModelRegistry registry;
    private final TrafficRouter router;
    private final boolean allowPinning;

    public VersionSelector(ModelRegistry registry, TrafficRouter router, ScoringConfig config) {
        this.registry = registry;
        this.router = router;
        this.allowPinning = config.allowPinning();
    }

    public ScoringModel select(Optional<String> pinned, String applicationId) {
        if (pinned.isPresent()) {
            if (!allowPinning) {
                throw new PinningNotAllowedException();
            }
            String version = pinned.get();
            return registry.find(version)
                    .orElseThrow(() -> new UnknownVersionException(version, registry.loadedVersions()));
        }
        String routed = router.route(applicationId);
        return registry.find(routed).orElseThrow(() -> new VersionUnavailableException(routed));
    }
}
