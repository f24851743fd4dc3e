package io.scoregate.gate.rollout;

import io.scoregate.evidence.DetectionPower;
import io.scoregate.evidence.Outcome;
import io.scoregate.evidence.SequentialMonitor;
import io.scoregate.evidence.SequentialRule;
import io.scoregate.gate.accesslog.AccessLogRecord;
import io.scoregate.gate.judge.ArmRecorder;
import io.scoregate.gate.judge.ArmSummary;
import io.scoregate.gate.judge.Judgement;
import io.scoregate.gate.judge.Policy;
import io.scoregate.gate.judge.SequentialEvidence;
import io.scoregate.gate.judge.SequentialJudge;
import io.scoregate.gate.judge.Verdict;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Judges the candidate against the stable version from the instances' live request histograms, summed over
 * every instance. Each step is a {@link Phase}: its looks feed one anytime-valid {@link SequentialMonitor}
 * (so a step may be looked at as often as wanted without adding false rollbacks), and the fixed-sample rules
 * that a PASS needs are judged on the requests after the step's warm-up.
 */
public final class LiveJudge {

    /** What one look at a step found, and whether the step has the evidence it needs to move on. */
    public record Look(Judgement judgement, TimelineEntry.ArmNumbers stable, TimelineEntry.ArmNumbers candidate,
                       boolean readyToStep, String progress) {
    }

    private final FleetHistograms histograms;
    private final SequentialJudge judge;

    /** Judging from every instance's own {@code /q/metrics}. */
    public LiveJudge(RoutingAdmin admin, io.scoregate.gate.judge.Judge judge) {
        this(FleetHistograms.ofInstances(admin), judge);
    }

    public LiveJudge(FleetHistograms histograms, io.scoregate.gate.judge.Judge judge) {
        this.histograms = histograms;
        this.judge = new SequentialJudge(judge);
    }

    /** The fleet's histograms now; fails when any source cannot be read (a partial sum would mislead). */
    public LatencyHistogramSnapshot scrape(List<URI> targets) throws RoutingAdmin.AdminException {
        return histograms.now(targets);
    }

    /**
     * Starts watching a step.
     *
     * @param plannedShare     the candidate's planned share of the traffic (its weight / 100)
     * @param needsPass        whether this step must end in a full PASS (the hold before promotion)
     * @param detectableRate   an earlier step moves on once a candidate timing out on this share of its requests
     *                         would have been caught with probability {@code policy.power()}
     */
    public Phase begin(List<URI> targets, String stable, String candidate, Policy policy, double plannedShare,
                       Warmup warmup, boolean needsPass, double detectableRate, Instant at)
            throws RoutingAdmin.AdminException {
        return new Phase(targets, stable, candidate, policy, plannedShare, warmup, needsPass, detectableRate, at,
                scrape(targets));
    }

    /** One step's evidence, look by look. */
    public final class Phase {

        private final List<URI> targets;
        private final String stable;
        private final String candidate;
        private final Policy policy;
        private final Warmup warmup;
        private final boolean needsPass;
        private final long requestsToStep;
        private final Instant startedAt;
        private final SequentialMonitor monitor;
        private final LatencyHistogramSnapshot start;
        private LatencyHistogramSnapshot previous;
        private Optional<LatencyHistogramSnapshot> warm = Optional.empty();

        private Phase(List<URI> targets, String stable, String candidate, Policy policy, double plannedShare,
                      Warmup warmup, boolean needsPass, double detectableRate, Instant at,
                      LatencyHistogramSnapshot start) {
            this.targets = List.copyOf(targets);
            this.stable = stable;
            this.candidate = candidate;
            this.policy = withShare(policy, plannedShare);
            this.warmup = warmup;
            this.needsPass = needsPass;
            var limits = SequentialEvidence.limitsOf(policy);
            this.requestsToStep = detectableRate > policy.thresholds().timeoutRate()
                    ? DetectionPower.requestsToDetect(limits.timeoutRate(), limits.threshold(SequentialRule.TIMEOUT_RATE),
                    detectableRate, policy.power(), 100_000).orElse(Long.MAX_VALUE) : Long.MAX_VALUE;
            this.startedAt = at;
            this.monitor = new SequentialMonitor(limits);
            this.start = start;
            this.previous = start;
        }

        /** Candidate latencies a step before the last needs after its warm-up before it moves on. */
        public long requestsToStep() {
            return requestsToStep;
        }

        public Look look(Instant now) throws RoutingAdmin.AdminException {
            var current = scrape(targets);
            var delta = current.minus(previous);
            previous = current;
            boolean countLatency = warm.isPresent();
            for (var r : delta.toRecords(stable, "*", now)) {
                outcome(r).ifPresent(o -> monitor.recordBaseline(o, r.latencyMs()));
            }
            for (var r : delta.toRecords(candidate, "*", now)) {
                outcome(r).ifPresent(o -> monitor.recordCandidate(o, r.latencyMs(), countLatency));
            }
            monitor.look();
            Duration elapsed = Duration.between(startedAt, now);
            if (warm.isEmpty() && warmup.over(elapsed, monitor.candidateRequests())) {
                warm = Optional.of(current); // latencies count from the next look on
            }
            double seconds = elapsed.toMillis() / 1000.0;
            var evidence = SequentialEvidence.of(monitor, seconds > 0
                    ? OptionalDouble.of(monitor.candidateRequests() / seconds) : OptionalDouble.empty());
            var measured = warm.map(current::minus).orElse(LatencyHistogramSnapshot.empty());
            var recorder = new ArmRecorder(stable, candidate);
            measured.toRecords(stable, "*", now).forEach(recorder);
            measured.toRecords(candidate, "*", now).forEach(recorder);
            Judgement judgement = judge.judge(recorder.baseline(), recorder.candidate(), policy, evidence);
            if (warm.isEmpty() && judgement.verdict() != Verdict.BLOCK) {
                judgement = warmingUp(judgement, elapsed);
            }
            boolean ready = warm.isPresent() && judgement.verdict() != Verdict.BLOCK
                    && (needsPass ? judgement.verdict() == Verdict.PASS : monitor.candidateLatencySamples() >= requestsToStep);
            // the numbers people read cover the whole step so far, warm-up included
            var step = new ArmRecorder(stable, candidate);
            var sinceStart = current.minus(start);
            sinceStart.toRecords(stable, "*", now).forEach(step);
            sinceStart.toRecords(candidate, "*", now).forEach(step);
            return new Look(judgement, numbers(ArmSummary.of(step.baseline())), numbers(ArmSummary.of(step.candidate())),
                    ready, progress(evidence, ready, judgement));
        }

        private Judgement warmingUp(Judgement j, Duration elapsed) {
            String why = String.format(Locale.ROOT, "Warming up: %d of %d candidate requests and %d of %d s before "
                            + "its latency counts (timeouts and errors count already).", monitor.candidateRequests(),
                    warmup.requests(), elapsed.toSeconds(), warmup.time().toSeconds());
            return new Judgement(Verdict.INCONCLUSIVE, List.of(why), j.metrics(), j.baseline(), j.candidate(), j.shift(),
                    j.splitPValue(), j.moreRequestsPerArm(), j.sequential(), j.timeToVerdict());
        }

        /** e.g. "e-values: timeouts 0.45/60, errors 0.54/60, p95 tail 1.2/120; needs 15 warm requests (has 7, ~28 s)". */
        private String progress(SequentialEvidence evidence, boolean ready, Judgement judgement) {
            StringBuilder b = new StringBuilder("e-values:");
            for (var r : evidence.rules()) {
                b.append(String.format(Locale.ROOT, " %s %s/%s%s", short_(r.rule()), compact(r.eValue()),
                        compact(r.threshold()), r.crossed() ? " CROSSED" : ""));
            }
            if (ready || judgement.verdict() == Verdict.BLOCK) {
                return b.toString();
            }
            if (needsPass) {
                judgement.timeToVerdict().ifPresent(d -> b.append("; a PASS needs about ")
                        .append(judgement.moreRequestsPerArm()).append(" more requests per arm, ~")
                        .append(SequentialJudge.human(d)));
            } else if (warm.isPresent() && requestsToStep != Long.MAX_VALUE) {
                long missing = requestsToStep - monitor.candidateLatencySamples();
                b.append("; the step needs ").append(requestsToStep).append(" candidate requests after warm-up (has ")
                        .append(monitor.candidateLatencySamples()).append(')');
                evidence.timeFor(missing).ifPresent(d -> b.append(", ~").append(SequentialJudge.human(d)));
            }
            return b.toString();
        }
    }

    private static Optional<Outcome> outcome(AccessLogRecord r) {
        return switch (r.status()) {
            case OK -> Optional.of(Outcome.OK);
            case TIMEOUT -> Optional.of(Outcome.TIMEOUT);
            case ERROR -> Optional.of(Outcome.ERROR);
            case REJECTED -> Optional.empty();
        };
    }

    private static String short_(SequentialRule rule) {
        return switch (rule) {
            case TIMEOUT_RATE -> "timeouts";
            case ERROR_RATE -> "errors";
            case P95_TAIL -> "p95-tail";
        };
    }

    private static String compact(double v) {
        return v >= 1e4 || v > 0 && v < 1e-2 ? String.format(Locale.ROOT, "%.1e", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static Policy withShare(Policy p, double plannedShare) {
        return new Policy(p.alpha(), p.power(), p.detectableFactor(), p.minRequestsPerArm(), plannedShare, p.splitAlpha(),
                p.thresholds(), p.freeze(), p.capacity());
    }

    static TimelineEntry.ArmNumbers numbers(ArmSummary s) {
        long requests = s.ok() + s.timeouts() + s.errors();
        return new TimelineEntry.ArmNumbers(s.version(), requests, s.meanMs(), s.p95Ms(),
                requests == 0 ? 0 : s.timeoutRate(), requests == 0 ? 0 : s.errorRate());
    }
}
