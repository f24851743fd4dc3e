package io.scoregate.gate.rollout;

import io.scoregate.gate.judge.ArmRecorder;
import io.scoregate.gate.judge.ArmSummary;
import io.scoregate.gate.judge.Judge;
import io.scoregate.gate.judge.Judgement;
import io.scoregate.gate.judge.Policy;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Judges the candidate against the stable version from the instances' live request histograms, with the
 * same judge and policy as {@code compare}. A step is measured as the difference between a scrape at its
 * start and one now, summed over every instance.
 */
public final class LiveJudge {

    /** What one look at a step found. */
    public record Look(Judgement judgement, TimelineEntry.ArmNumbers stable, TimelineEntry.ArmNumbers candidate) {
    }

    private final RoutingAdmin admin;
    private final Judge judge;

    public LiveJudge(RoutingAdmin admin, Judge judge) {
        this.admin = admin;
        this.judge = judge;
    }

    /** The fleet's histograms now; fails when any target cannot be scraped (a partial sum would mislead). */
    public LatencyHistogramSnapshot scrape(List<URI> targets) throws RoutingAdmin.AdminException {
        var sum = LatencyHistogramSnapshot.empty();
        for (URI target : targets) {
            sum = sum.plus(admin.scrape(target));
        }
        return sum;
    }

    /**
     * Judges the requests between {@code since} and {@code now}.
     *
     * @param plannedShare the candidate's planned share of the traffic (its weight / 100)
     * @param looks        how many times this step is looked at: each look spends alpha / looks, so repeated
     *                     looks do not add up to more false rollbacks than one look would (Bonferroni)
     */
    public Look judge(LatencyHistogramSnapshot since, LatencyHistogramSnapshot now, String stable, String candidate,
                      Policy policy, double plannedShare, int looks, Instant at) {
        var delta = now.minus(since);
        var recorder = new ArmRecorder(stable, candidate);
        delta.toRecords(stable, "*", at).forEach(recorder);
        delta.toRecords(candidate, "*", at).forEach(recorder);
        var stepPolicy = new Policy(policy.alpha() / Math.max(1, looks), policy.power(), policy.detectableFactor(),
                policy.minRequestsPerArm(), plannedShare, policy.splitAlpha(), policy.thresholds(), policy.freeze());
        var judgement = judge.judge(recorder.baseline(), recorder.candidate(), stepPolicy);
        return new Look(judgement, numbers(judgement.baseline()), numbers(judgement.candidate()));
    }

    static TimelineEntry.ArmNumbers numbers(ArmSummary s) {
        long requests = s.ok() + s.timeouts() + s.errors();
        return new TimelineEntry.ArmNumbers(s.version(), requests, s.meanMs(), s.p95Ms(),
                requests == 0 ? 0 : s.timeoutRate(), requests == 0 ? 0 : s.errorRate());
    }

    static Optional<TimelineEntry.ArmNumbers> none() {
        return Optional.empty();
    }
}
