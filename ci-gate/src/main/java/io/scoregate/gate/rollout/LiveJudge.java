package io.scoregate.gate.rollout;

import io.scoregate.gate.judge.ArmRecorder;
import io.scoregate.gate.judge.ArmSummary;
import io.scoregate.gate.judge.Judge;
import io.scoregate.gate.judge.Judgement;
import io.scoregate.gate.judge.Policy;
import io.scoregate.gate.judge.Verdict;
import java.net.URI;
import java.time.Instant;
import java.util.List;

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
     * <p>Only a BLOCK acts before a hold ends, and a step is looked at several times, so each look's BLOCK
     * spends alpha / looks (Bonferroni over looks): repeated looks add no false rollbacks. A PASS is only
     * taken at the end of a hold ({@code finalLook}), where it needs every rule's upper bound at the full
     * 1 - alpha under its limit; that intersection-union test does not grow more permissive with looks,
     * because no interim look can pass.
     *
     * @param plannedShare the candidate's planned share of the traffic (its weight / 100)
     * @param looks        how many times this step is looked at
     */
    public Look judge(LatencyHistogramSnapshot since, LatencyHistogramSnapshot now, String stable, String candidate,
                      Policy policy, double plannedShare, int looks, boolean finalLook, Instant at) {
        var delta = now.minus(since);
        var recorder = new ArmRecorder(stable, candidate);
        delta.toRecords(stable, "*", at).forEach(recorder);
        delta.toRecords(candidate, "*", at).forEach(recorder);
        var perLook = withAlpha(policy, policy.alpha() / Math.max(1, looks), plannedShare);
        var judgement = judge.judge(recorder.baseline(), recorder.candidate(), perLook);
        if (finalLook && judgement.verdict() != Verdict.BLOCK) {
            var atFullAlpha = judge.judge(recorder.baseline(), recorder.candidate(),
                    withAlpha(policy, policy.alpha(), plannedShare));
            if (atFullAlpha.verdict() == Verdict.PASS) {
                judgement = atFullAlpha;
            }
        }
        return new Look(judgement, numbers(judgement.baseline()), numbers(judgement.candidate()));
    }

    private static Policy withAlpha(Policy p, double alpha, double plannedShare) {
        return new Policy(alpha, p.power(), p.detectableFactor(), p.minRequestsPerArm(), plannedShare, p.splitAlpha(),
                p.thresholds(), p.freeze());
    }

    static TimelineEntry.ArmNumbers numbers(ArmSummary s) {
        long requests = s.ok() + s.timeouts() + s.errors();
        return new TimelineEntry.ArmNumbers(s.version(), requests, s.meanMs(), s.p95Ms(),
                requests == 0 ? 0 : s.timeoutRate(), requests == 0 ? 0 : s.errorRate());
    }

}
