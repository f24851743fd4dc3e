package io.scoregate.gate.rollout;

import io.scoregate.contract.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The boundary the rollout commands talk to, in memory: a shared routing table with optimistic concurrency,
 * instances that apply it (or, for a laggard, never do), and traffic that arrives at a steady rate as the
 * fake clock moves, split by the table's weights, with each version's latency drawn from a lognormal and
 * some timeouts. Scrapes return Prometheus text built from Micrometer-like cumulative buckets, so the real
 * parser and histogram code run on it.
 */
final class FakeFleet implements RoutingAdmin {

    record Behaviour(double medianMs, double sigma, double timeoutRate) {
    }

    static final double DEADLINE_MS = 500;
    private static final double[] BOUNDS;

    static {
        List<Double> b = new ArrayList<>();
        for (double v = 0.001; v < 30; v *= 1.1) {
            b.add(v);
        }
        BOUNDS = b.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private final MutableClock clock;
    private final Random random = new Random(42);
    private final double ratePerSecond;
    private final Map<String, Behaviour> behaviour = new HashMap<>();
    final List<URI> targets = new ArrayList<>();
    final Set<URI> laggards = new HashSet<>();
    final Set<URI> down = new HashSet<>();
    private final Map<URI, Long> applied = new HashMap<>();
    private final Map<String, long[]> cumulative = new HashMap<>(); // version|outcome -> bucket counts
    private Instant lastTraffic;
    private double carry;

    long revision = 1;
    String stable;
    Optional<String> candidate = Optional.empty();
    Map<String, Integer> weights = new LinkedHashMap<>();
    String updatedBy = "bootstrap";
    String reason = "initial table";
    /** When set, an instance's own guard rolls the candidate back once the clock passes this time. */
    Optional<Instant> guardFiresAt = Optional.empty();
    final List<RoutingChangeRequest> writes = new ArrayList<>();

    FakeFleet(MutableClock clock, int instances, double ratePerSecond, String stable) {
        this.clock = clock;
        this.ratePerSecond = ratePerSecond;
        this.stable = stable;
        this.weights.put(stable, 100);
        this.lastTraffic = clock.instant();
        for (int i = 0; i < instances; i++) {
            URI u = URI.create("http://instance-" + i + ":8080");
            targets.add(u);
            applied.put(u, revision);
        }
    }

    FakeFleet behave(String version, double medianMs, double sigma, double timeoutRate) {
        behaviour.put(version, new Behaviour(medianMs, sigma, timeoutRate));
        return this;
    }

    void set(String stable, Optional<String> candidate, Map<String, Integer> weights) {
        this.stable = stable;
        this.candidate = candidate;
        this.weights = new LinkedHashMap<>(weights);
        revision++;
        propagate();
    }

    private void guard() {
        if (guardFiresAt.isPresent() && !clock.instant().isBefore(guardFiresAt.get()) && candidate.isPresent()
                && weights.getOrDefault(candidate.get(), 0) > 0) {
            guardFiresAt = Optional.empty();
            updatedBy = "guard@instance-1";
            reason = "timeout rate 30% > 5%";
            set(stable, candidate, Map.of(stable, 100, candidate.get(), 0));
        }
    }

    private void propagate() {
        for (URI t : targets) {
            if (!laggards.contains(t)) {
                applied.put(t, revision);
            }
        }
    }

    @Override
    public RoutingView read(URI target) throws AdminException {
        check(target);
        guard();
        return new RoutingView(target, revision, stable, candidate, weights, applied.get(target),
                "instance-" + targets.indexOf(target), updatedBy, reason);
    }

    @Override
    public RoutingView write(URI target, RoutingChangeRequest change) throws AdminException {
        check(target);
        if (change.expectedRevision() != revision) {
            throw new AdminException(target + " answered 409", 409);
        }
        accrue();
        writes.add(change);
        updatedBy = "ci-gate";
        reason = change.reason();
        set(change.stable(), change.candidate(), change.weights());
        return read(target);
    }

    @Override
    public LatencyHistogramSnapshot scrape(URI target) throws AdminException {
        check(target);
        accrue();
        // every instance reports a share; instance 0 reports all of it so sums stay exact
        if (targets.indexOf(target) != 0) {
            return LatencyHistogramSnapshot.empty();
        }
        var text = new StringBuilder();
        cumulative.forEach((key, counts) -> {
            String[] k = key.split("\\|");
            long running = 0;
            for (int i = 0; i <= BOUNDS.length; i++) {
                running += counts[i];
                String le = i == BOUNDS.length ? "+Inf" : Double.toString(BOUNDS[i]);
                text.append("scoregate_request_duration_seconds_bucket{endpoint=\"/risk-score\",model_version=\"")
                        .append(k[0]).append("\",outcome=\"").append(k[1]).append("\",le=\"").append(le).append("\"} ")
                        .append(running).append(".0\n");
            }
        });
        return LatencyHistogramSnapshot.of(PrometheusText.parse(text.toString()));
    }

    private void check(URI target) throws AdminException {
        if (down.contains(target)) {
            throw new AdminException(target + " refused the connection", 0);
        }
    }

    /** Requests that arrived since the last look, routed by the weights in force. */
    private void accrue() {
        double seconds = Duration.between(lastTraffic, clock.instant()).toMillis() / 1000.0;
        lastTraffic = clock.instant();
        double expected = seconds * ratePerSecond + carry;
        long n = (long) expected;
        carry = expected - n;
        for (long i = 0; i < n; i++) {
            int bucket = random.nextInt(100);
            int acc = 0;
            String version = stable;
            for (var e : weights.entrySet()) {
                acc += e.getValue();
                if (bucket < acc) {
                    version = e.getKey();
                    break;
                }
            }
            Behaviour b = behaviour.getOrDefault(version, new Behaviour(10, 0.3, 0));
            boolean timeout = random.nextDouble() < b.timeoutRate();
            double ms = timeout ? DEADLINE_MS : Math.min(DEADLINE_MS, b.medianMs() * Math.exp(b.sigma() * random.nextGaussian()));
            long[] counts = cumulative.computeIfAbsent(version + "|" + (timeout ? "timeout" : "ok"),
                    k -> new long[BOUNDS.length + 1]);
            int idx = java.util.Arrays.binarySearch(BOUNDS, ms / 1000.0);
            counts[idx >= 0 ? idx : Math.min(-idx - 1, BOUNDS.length)]++;
        }
    }

    /** Requests a version has been sent so far, every outcome. */
    long served(String version) {
        accrue();
        long n = 0;
        for (var e : cumulative.entrySet()) {
            if (e.getKey().startsWith(version + "|")) {
                n += java.util.Arrays.stream(e.getValue()).sum();
            }
        }
        return n;
    }

    long applied(URI target) {
        return applied.get(target);
    }
}
