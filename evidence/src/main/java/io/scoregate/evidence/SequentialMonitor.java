package io.scoregate.evidence;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Watches one canary phase (a candidate against the baseline, from the moment the candidate got traffic) with
 * anytime-valid evidence: whatever the number of looks and however long it runs, a candidate within every
 * limit is rolled back with probability at most {@code alpha} ({@link SequentialLimits}).
 *
 * <p>The rules:
 * <ul>
 *   <li><b>timeout rate</b> and <b>error rate</b>: {@link MixtureRateTest} against the limit, on every candidate
 *       request;</li>
 *   <li><b>p95 latency</b>: if the candidate's p95 is within {@code p95Ratio} x the baseline's, at most 5% of its
 *       requests take {@code p95Ratio} x the baseline's p95 or longer. The baseline's p95 is bounded from above by
 *       inverting a {@link MixtureRateTest.Side#BELOW} test at each bucket edge (a confidence sequence: the
 *       nulls "P(latency >= v) >= 5%" are nested in {@code v}, so one error bound covers every edge), and each
 *       candidate request is counted against the bound in force <em>before</em> it was counted (a predictable
 *       threshold, which keeps the count a supermartingale under the null).</li>
 * </ul>
 * Two further conditions make a crossing act, each of which can only prevent a rollback: a rate rule needs the
 * candidate's rate at least twice the baseline's over the same span (a failing environment fails both), and the tail
 * rule needs the candidate's observed p95 above the limit times the baseline's observed p95 over the same span
 * (a surge that slows both versions is not the candidate's fault).
 *
 * <p>Candidate latencies during a warm-up are left out by the caller ({@code countLatency = false}); its
 * timeouts and errors always count, since a cold JIT does not turn a 20 ms request into a 500 ms timeout.
 *
 * <p>Not thread-safe: one owner feeds and looks.
 */
public final class SequentialMonitor {

    /** How many times the baseline's rate a candidate's must be before a rate rule may act. */
    static final double RATE_FACTOR = 2.0;

    /** The baseline's p95 bound is recomputed once its latency sample has grown by this factor. */
    private static final double BOUND_REFRESH_GROWTH = 1.01;

    /** The first rule that crossed, and how many candidate requests had been counted then. */
    public record Crossing(SequentialRule rule, long candidateRequests) {
    }

    private final SequentialLimits limits;
    private final Map<SequentialRule, MixtureRateTest> tests = new EnumMap<>(SequentialRule.class);
    private final Map<SequentialRule, CriticalCounts> critical = new EnumMap<>(SequentialRule.class);
    private final MixtureRateTest baselineBound;
    private final double logBoundThreshold;

    private long candidateOk;
    private long candidateTimeouts;
    private long candidateErrors;
    private long tailTrials;
    private long tailEvents;
    private final long[] candidateLatency = new long[LatencyBuckets.COUNT];
    private long candidateLatencySamples;

    private long baselineOk;
    private long baselineTimeouts;
    private long baselineErrors;
    private final long[] baselineOkLatency = new long[LatencyBuckets.COUNT];
    private long boundAtSamples;
    private int tailBucket = LatencyBuckets.COUNT;
    private double boundMillis = Double.NaN;

    private final Map<SequentialRule, Double> maxLogE = new EnumMap<>(SequentialRule.class);
    private final Set<SequentialRule> crossed = EnumSet.noneOf(SequentialRule.class);
    private Optional<Crossing> first = Optional.empty();

    public SequentialMonitor(SequentialLimits limits) {
        this.limits = limits;
        for (SequentialRule rule : SequentialRule.values()) {
            var test = MixtureRateTest.above(limits.limit(rule));
            tests.put(rule, test);
            critical.put(rule, CriticalCounts.shared(limits.limit(rule), Math.log(limits.threshold(rule))));
            maxLogE.put(rule, 0.0);
        }
        this.baselineBound = MixtureRateTest.below(SequentialLimits.TAIL_SHARE);
        this.logBoundThreshold = Math.log(1 / limits.baselineBoundAlpha());
    }

    public SequentialLimits limits() {
        return limits;
    }

    /** One baseline request. */
    public void recordBaseline(Outcome outcome, double latencyMillis) {
        switch (outcome) {
            case OK -> {
                baselineOk++;
                baselineOkLatency[LatencyBuckets.ofMillis(latencyMillis)]++;
            }
            case TIMEOUT -> baselineTimeouts++;
            case ERROR -> baselineErrors++;
        }
    }

    /** One candidate request; its latency is evidence only when {@code countLatency} (not during a warm-up). */
    public void recordCandidate(Outcome outcome, double latencyMillis, boolean countLatency) {
        switch (outcome) {
            case OK -> candidateOk++;
            case TIMEOUT -> candidateTimeouts++;
            case ERROR -> {
                candidateErrors++;
                return;
            }
        }
        if (countLatency) {
            int bucket = LatencyBuckets.ofMillis(latencyMillis);
            candidateLatency[bucket]++;
            candidateLatencySamples++;
            if (tailBucket < LatencyBuckets.COUNT) {
                tailTrials++;
                // one request's own latency against the exact line: no second rounding to the grid
                if (latencyMillis >= limits.p95Ratio() * boundMillis) {
                    tailEvents++;
                }
            }
        }
    }

    /** What the baseline served since the last batch. */
    public void addBaseline(ArmBatch batch) {
        baselineOk += batch.ok();
        baselineTimeouts += batch.timeouts();
        baselineErrors += batch.errors();
        for (int i = 0; i < LatencyBuckets.COUNT; i++) {
            baselineOkLatency[i] += batch.okIn(i);
        }
    }

    /** What the candidate served since the last batch; its latencies count only when {@code countLatency}. */
    public void addCandidate(ArmBatch batch, boolean countLatency) {
        candidateOk += batch.ok();
        candidateTimeouts += batch.timeouts();
        candidateErrors += batch.errors();
        if (!countLatency) {
            return;
        }
        for (int i = 0; i < LatencyBuckets.COUNT; i++) {
            long n = batch.okIn(i) + batch.timeoutsIn(i);
            candidateLatency[i] += n;
            candidateLatencySamples += n;
            if (tailBucket < LatencyBuckets.COUNT) {
                tailTrials += n;
                if (i >= tailBucket) {
                    tailEvents += n;
                }
            }
        }
    }

    /**
     * Looks at the evidence: checks every rule and renews the baseline's p95 bound for the requests still to
     * come. Cheap enough to call after every request (integer comparisons, and now and then a bound).
     *
     * @return whether any rule has crossed (now or at an earlier look)
     */
    public boolean look() {
        check(SequentialRule.TIMEOUT_RATE, candidateRequests(), candidateTimeouts,
                () -> worse(candidateTimeouts, candidateRequests(), baselineTimeouts, baselineRequests()));
        check(SequentialRule.ERROR_RATE, candidateRequests(), candidateErrors,
                () -> worse(candidateErrors, candidateRequests(), baselineErrors, baselineRequests()));
        check(SequentialRule.P95_TAIL, tailTrials, tailEvents, () -> observedP95Ratio() > limits.p95Ratio());
        renewBound();
        return !crossed.isEmpty();
    }

    public boolean crossed() {
        return !crossed.isEmpty();
    }

    /** The first crossing, if any. */
    public Optional<Crossing> firstCrossing() {
        return first;
    }

    /** Every rule's evidence now (in rule order); also records each e-value for the always-valid p-values. */
    public List<RuleEvidence> evidence() {
        List<RuleEvidence> out = new ArrayList<>();
        for (SequentialRule rule : SequentialRule.values()) {
            long trials = switch (rule) {
                case TIMEOUT_RATE, ERROR_RATE -> candidateRequests();
                case P95_TAIL -> tailTrials;
            };
            long events = switch (rule) {
                case TIMEOUT_RATE -> candidateTimeouts;
                case ERROR_RATE -> candidateErrors;
                case P95_TAIL -> tailEvents;
            };
            double logE = tests.get(rule).logE(trials, events);
            double max = Math.max(maxLogE.get(rule), logE);
            maxLogE.put(rule, max);
            OptionalDouble tailFrom = rule == SequentialRule.P95_TAIL && tailBucket < LatencyBuckets.COUNT
                    ? OptionalDouble.of(limits.p95Ratio() * boundMillis) : OptionalDouble.empty();
            out.add(new RuleEvidence(rule, trials, events, limits.limit(rule), Math.exp(logE), limits.threshold(rule),
                    crossed.contains(rule), Math.min(1.0, Math.exp(-max)), tailFrom));
        }
        return out;
    }

    public long candidateRequests() {
        return candidateOk + candidateTimeouts + candidateErrors;
    }

    public long baselineRequests() {
        return baselineOk + baselineTimeouts + baselineErrors;
    }

    /** Candidate latencies counted so far (after any warm-up). */
    public long candidateLatencySamples() {
        return candidateLatencySamples;
    }

    /** The baseline's p95 upper bound in force, in ms; empty until the baseline has enough requests. */
    public OptionalDouble baselineP95BoundMillis() {
        return Double.isNaN(boundMillis) ? OptionalDouble.empty() : OptionalDouble.of(boundMillis);
    }

    private void check(SequentialRule rule, long trials, long events, java.util.function.BooleanSupplier also) {
        if (crossed.contains(rule) || trials == 0 || !critical.get(rule).reached(trials, events) || !also.getAsBoolean()) {
            return;
        }
        crossed.add(rule);
        maxLogE.put(rule, Math.max(maxLogE.get(rule), tests.get(rule).logE(trials, events)));
        if (first.isEmpty()) {
            first = Optional.of(new Crossing(rule, candidateRequests()));
        }
    }

    /** The candidate's observed p95 over the baseline's, both from the grid; 0 while either has no latency. */
    private double observedP95Ratio() {
        long baselineSamples = baselineOk + baselineTimeouts;
        if (candidateLatencySamples == 0 || baselineSamples == 0) {
            return 0;
        }
        double candidate = p95Millis(candidateLatency, 0, candidateLatencySamples);
        // baseline timeouts sit above every edge: its p95 can only look higher, which only prevents a rollback
        double baseline = p95Millis(baselineOkLatency, baselineTimeouts, baselineSamples);
        return candidate / baseline;
    }

    private static double p95Millis(long[] buckets, long aboveAll, long total) {
        long rank = (long) Math.ceil(0.95 * total);
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return LatencyBuckets.upperMillis(i);
            }
        }
        return aboveAll > 0 ? Double.POSITIVE_INFINITY : LatencyBuckets.upperMillis(buckets.length - 1);
    }

    private void renewBound() {
        long samples = baselineOk + baselineTimeouts;
        if (samples == 0 || samples < boundAtSamples * BOUND_REFRESH_GROWTH) {
            return;
        }
        boundAtSamples = samples;
        long[] atLeast = new long[LatencyBuckets.COUNT + 1];
        atLeast[LatencyBuckets.COUNT] = baselineTimeouts; // a timeout's true latency is unknown: above every edge
        for (int k = LatencyBuckets.COUNT - 1; k >= 0; k--) {
            atLeast[k] = atLeast[k + 1] + baselineOkLatency[k];
        }
        // fewer requests at or above an edge is more evidence that the p95 lies below it: bisect for the first
        // edge the baseline's data bound its p95 under
        int lo = 1;
        int hi = LatencyBuckets.COUNT;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (baselineBound.logE(samples, atLeast[mid]) >= logBoundThreshold) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        if (lo == LatencyBuckets.COUNT) {
            tailBucket = LatencyBuckets.COUNT;
            boundMillis = Double.NaN;
            return;
        }
        boundMillis = LatencyBuckets.lowerMillis(lo);
        tailBucket = LatencyBuckets.firstAtLeast(limits.p95Ratio() * boundMillis);
    }

    /**
     * A rate is the candidate's doing only when it is more than {@value #RATE_FACTOR} times the baseline's over the
     * same span, taking the baseline's rate at its one-sided 95% Wilson upper bound: a stalled or overloaded machine
     * times out both versions alike, and rolling the candidate back would not help (on a 2-core machine a 5 s stall
     * gave the candidate 8.6% timeouts beside a similar share of the baseline's, and a bare "above the baseline's
     * observed rate" was a coin flip, worst in the first few requests).
     */
    private static boolean worse(long candidateEvents, long candidateTrials, long baselineEvents, long baselineTrials) {
        return rate(candidateEvents, candidateTrials) > RATE_FACTOR * wilsonUpper(baselineEvents, baselineTrials);
    }

    private static double wilsonUpper(long events, long trials) {
        if (trials == 0) {
            return 0; // no baseline traffic to blame the environment with
        }
        double z = 1.6448536269514722;
        double n = trials;
        double p = events / n;
        double centre = p + z * z / (2 * n);
        double spread = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
        return Math.min(1, (centre + spread) / (1 + z * z / n));
    }

    private static double rate(long events, long trials) {
        return trials == 0 ? 0 : (double) events / trials;
    }
}
