package io.scoregate.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.util.Map;

/**
 * Fault injection per model version, for reproducing an incident on staging. Off unless configured; a
 * request can never switch it on.
 */
@ConfigMapping(prefix = "scoregate.drill")
public interface DrillConfig {

    /** {@code scoregate.drill."<version>".*}, keyed by model version. */
    @WithParentName
    Map<String, VersionDrill> versions();

    interface VersionDrill {

        /** {@code scoregate.drill."<version>".added-latency-ms}: median of the lognormal added delay; 0 = none. */
        @WithDefault("0")
        double addedLatencyMs();

        /** {@code scoregate.drill."<version>".added-latency-spread}: sigma of that lognormal. */
        @WithDefault("0.25")
        double addedLatencySpread();

        /** {@code scoregate.drill."<version>".timeout-probability}: share of calls that run into the deadline. */
        @WithDefault("0")
        double timeoutProbability();

        /** {@code scoregate.drill."<version>".error-probability}: share of calls answered with a 500 problem. */
        @WithDefault("0")
        double errorProbability();

        /**
         * {@code scoregate.drill."<version>".extra-evaluations}: the model scores each application this many extra
         * times on the request's own thread, as a heavier model (v1.3's 300 trees against a scorecard) costs CPU;
         * 0 = none. The one drill that loads the event loop rather than waiting beside it.
         */
        @WithDefault("0")
        int extraEvaluations();
    }
}
