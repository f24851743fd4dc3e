package io.scoregate.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How scoring calls are run. */
@ConfigMapping(prefix = "scoregate.scoring")
public interface ScoringConfig {

    /** {@code scoregate.scoring.deadline}: past it the lender gets a 504 problem and the call counts as TIMEOUT. */
    @WithDefault("500ms")
    Duration deadline();

    /** {@code scoregate.scoring.allow-pinning}: whether the request header X-Model-Version may choose the version. */
    @WithDefault("true")
    boolean allowPinning();
}
