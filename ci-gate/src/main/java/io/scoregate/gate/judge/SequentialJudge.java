package io.scoregate.gate.judge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The verdict for evidence that is looked at again and again (a live canary, a growing log): valid however
 * often it is asked.
 * <ul>
 *   <li>BLOCK only on anytime-valid evidence ({@link SequentialEvidence}): no minimum sample, and a candidate
 *       within every limit is blocked at <em>any</em> look with probability at most alpha;</li>
 *   <li>PASS only when the fixed-sample judge passes too: every rule's upper bound under its limit with at least
 *       {@code minRequestsPerArm} per arm (a failed PASS costs time, never a false rollback);</li>
 *   <li>otherwise INCONCLUSIVE, saying how many more requests would tell and how long that takes at the
 *       candidate's observed rate. A fixed-sample BLOCK is only a reason here: repeated fixed-sample looks
 *       would inflate false blocks.</li>
 * </ul>
 */
public final class SequentialJudge {

    private final Judge fixedSample;

    public SequentialJudge(Judge fixedSample) {
        this.fixedSample = fixedSample;
    }

    public static SequentialJudge standard() {
        return new SequentialJudge(Judge.standard());
    }

    public Judgement judge(Arm baseline, Arm candidate, Policy policy, SequentialEvidence evidence) {
        Judgement fixed = fixedSample.judge(baseline, candidate, policy);
        if (evidence.crossed()) {
            return fixed.decided(Verdict.BLOCK, evidence.crossedReasons(), evidence, Optional.empty());
        }
        if (fixed.verdict() == Verdict.PASS) {
            List<String> why = new ArrayList<>(fixed.reasons());
            why.add("No rule's anytime-valid evidence reached its threshold (" + evidence.candidateRequests()
                    + " candidate requests).");
            return fixed.decided(Verdict.PASS, why, evidence, Optional.empty());
        }
        List<String> why = new ArrayList<>();
        if (fixed.verdict() == Verdict.BLOCK) {
            why.add("The fixed-sample bounds point past a limit, but the anytime-valid evidence has not reached its "
                    + "threshold yet: " + fixed.reasons().get(0));
            fixed = fixed.withMetrics(fixed.metrics().stream().map(SequentialJudge::notABlockOnItsOwn).toList());
        } else {
            why.addAll(fixed.reasons());
        }
        long more = fixed.moreRequestsPerArm();
        Optional<Duration> eta = evidence.timeFor(more);
        if (more > 0) {
            why.add(eta.map(d -> String.format(Locale.ROOT,
                            "About %d more requests per arm would tell: about %s at the candidate's observed %.2f "
                                    + "requests/s.", more, human(d), evidence.candidatePerSecond().getAsDouble()))
                    .orElse("About " + more + " more requests per arm would tell."));
        }
        return fixed.decided(Verdict.INCONCLUSIVE, why, evidence, eta);
    }

    /** A fixed-sample EXCEEDS looked at repeatedly is a warning, not evidence enough to block. */
    private static MetricResult notABlockOnItsOwn(MetricResult m) {
        if (m.classification() != Classification.EXCEEDS) {
            return m;
        }
        return new MetricResult(m.rule(), m.estimate(), m.lower(), m.lowerConfidence(), m.upper(), m.upperConfidence(),
                m.threshold(), m.test(), m.pValue(), m.adjustedPValue(), Classification.UNCLEAR, m.reason()
                + " (A fixed-sample bound, not valid under repeated looks: no BLOCK on its own.)", m.requiredPerArm());
    }

    /** 42 s, 7 min, 2.5 h. */
    public static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return Math.round(s / 60.0) + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", s / 3600.0);
    }
}
