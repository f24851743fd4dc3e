package io.scoregate.gate.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a load run does: an open-model, constant-arrival-rate run against one staging target, with
 * baseline and candidate requests interleaved in seeded random order and pinned by {@code X-Model-Version}.
 *
 * <p>The one place a plan's bounds are checked: a plan that exists is one the runner can carry out. The
 * messages name {@code compare}'s flags, because every plan comes from them and the person who reads the
 * message typed them. The rate's floor is 1 request/s, not the 0.1 the runner alone once allowed: the judge
 * needs at least 200 requests per arm, which at 0.1/s is over an hour of load before the first possible
 * verdict, and nothing but a direct call of the runner could ask for it ({@code compare}'s own floor was 1).
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

    public static final double MIN_RATE = 1;
    public static final double MAX_RATE = 100_000;
    /** Over both arms: one request cannot compare two versions. */
    public static final long MIN_REQUESTS = 2;
    public static final long MAX_REQUESTS = 100_000_000;
    public static final Duration MIN_DURATION = Duration.ofMillis(1);
    public static final Duration MAX_DURATION = Duration.ofHours(24);
    public static final Duration MAX_WARMUP = Duration.ofMinutes(60);
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(1);
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    /** Every request of a run has a slot in one array. */
    static final long MAX_TOTAL_REQUESTS = Integer.MAX_VALUE - 8;

    public LoadPlan {
        endpoints = List.copyOf(endpoints);
        String scheme = target.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || target.getHost() == null) {
            throw new IllegalArgumentException("`--target` must be an http(s) URL such as http://localhost:8080, "
                    + "but was " + target);
        }
        if (baseline.isBlank() || candidate.isBlank()) {
            throw new IllegalArgumentException("`--baseline` and `--candidate` must name versions, but one was blank.");
        }
        if (!(ratePerSecond >= MIN_RATE && ratePerSecond <= MAX_RATE)) {
            throw new IllegalArgumentException("`--rate` must be between " + number(MIN_RATE) + " and "
                    + number(MAX_RATE) + ", but was " + number(ratePerSecond));
        }
        if (duration.isPresent() && requests.isPresent()) {
            throw new IllegalArgumentException("Give either `--duration` or `--requests`, not both.");
        }
        if (duration.isEmpty() && requests.isEmpty()) {
            throw new IllegalArgumentException("A run needs `--duration` or `--requests` to end.");
        }
        duration.ifPresent(d -> within("--duration", d, MIN_DURATION, MAX_DURATION));
        if (requests.isPresent() && (requests.getAsLong() < MIN_REQUESTS || requests.getAsLong() > MAX_REQUESTS)) {
            throw new IllegalArgumentException("`--requests` must be between " + MIN_REQUESTS + " and " + MAX_REQUESTS
                    + ", but was " + requests.getAsLong());
        }
        within("--warmup", warmup, Duration.ZERO, MAX_WARMUP);
        within("--timeout", requestTimeout, MIN_TIMEOUT, MAX_TIMEOUT);
        if (endpoints.isEmpty() || endpoints.stream().anyMatch(e -> !e.startsWith("/"))) {
            throw new IllegalArgumentException("`--endpoints` must be paths starting with /, but was "
                    + String.join(",", endpoints));
        }
        long total = new ArrivalSchedule(ratePerSecond, warmup).warmupCount()
                + measuredCount(ratePerSecond, duration, requests);
        if (total > MAX_TOTAL_REQUESTS) {
            throw new IllegalArgumentException("A run may hold at most " + MAX_TOTAL_REQUESTS
                    + " requests, but this one needs " + total + "; lower `--rate` or shorten the run.");
        }
    }

    /** The measured requests the schedule calls for (a duration bound counted at the rate). */
    public long measuredCount() {
        return measuredCount(ratePerSecond, duration, requests);
    }

    /** The requests of the warm-up ramp. */
    public long warmupCount() {
        return arrivals().warmupCount();
    }

    public ArrivalSchedule arrivals() {
        return new ArrivalSchedule(ratePerSecond, warmup);
    }

    /** The URL of {@code path} on the target, whether or not the target ends with a slash. */
    public URI resolve(String path) {
        String base = target.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }

    private static long measuredCount(double rate, Optional<Duration> duration, OptionalLong requests) {
        if (requests.isPresent()) {
            return requests.getAsLong();
        }
        return Math.max(1, Math.round(duration.orElseThrow().toNanos() / 1e9 * rate));
    }

    private static void within(String option, Duration d, Duration min, Duration max) {
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException("`" + option + "` must be between " + text(min) + " and " + text(max)
                    + ", but was " + text(d));
        }
    }

    /** A duration as a flag is typed: 500ms, 90s, 24h (ISO-8601 without its PT otherwise). */
    static String text(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toNanosPart() % 1_000_000 == 0 && d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
