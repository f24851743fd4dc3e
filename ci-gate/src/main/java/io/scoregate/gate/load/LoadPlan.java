package io.scoregate.gate.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a load run does: an open-model, constant-arrival-rate run against one staging target, with
 * baseline and candidate requests interleaved in seeded random order and pinned by {@code X-Model-Version}.
 *
 * @param target         base URL of the staging service, e.g. http://localhost:8080
 * @param baseline       version of the baseline arm
 * @param candidate      version of the candidate arm
 * @param endpoints      the endpoints to call, e.g. ["/risk-score", "/funding-approve"]
 * @param ratePerSecond  total arrival rate over both arms
 * @param warmup         excluded from the result
 * @param duration       measured run length (after warm-up), if bounded by time
 * @param requests       measured request count (after warm-up), if bounded by count
 * @param requestTimeout per-request client timeout; a request past it is recorded as TIMEOUT
 * @param seed           seeds the request generator and the arm order
 * @param requestsFile   JSON Lines request bodies to use instead of generated ones
 * @param accessLog      where every request made is written in the service's access-log format
 */
public record LoadPlan(URI target, String baseline, String candidate, List<String> endpoints,
                       double ratePerSecond, Duration warmup, Optional<Duration> duration, OptionalLong requests,
                       Duration requestTimeout, long seed, Optional<Path> requestsFile, Optional<Path> accessLog) {

    public LoadPlan {
        endpoints = List.copyOf(endpoints);
    }
}
