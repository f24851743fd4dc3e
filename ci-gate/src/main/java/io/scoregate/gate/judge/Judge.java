package io.scoregate.gate.judge;

import io.scoregate.gate.stats.Holm;
import io.scoregate.gate.stats.Interval;
import io.scoregate.gate.stats.MannWhitney;
import io.scoregate.gate.stats.ShiftTest;
import io.scoregate.gate.stats.SplitTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs every classifier, corrects across rules with Holm, and decides:
 * <ol>
 *   <li>an empty arm, or fewer than {@code minRequestsPerArm}: INCONCLUSIVE before any test (the
 *       approximations behind the intervals need data);</li>
 *   <li>a failed baseline (fewer than half its requests OK): INCONCLUSIVE, since the environment failed;</li>
 *   <li>any rule whose Holm-adjusted p-value is at most alpha (its lower bound clears the limit): BLOCK;</li>
 *   <li>otherwise a split far from plan, or any rule not shown to be within its limit
 *       (upper bound at 1 - alpha under the limit): INCONCLUSIVE, with the requests still needed;</li>
 *   <li>otherwise PASS.</li>
 * </ol>
 * PASS needs every rule within its limit (an intersection-union test, so no multiplicity correction is
 * needed there); BLOCK needs one rule past its limit with family-wise error at alpha.
 */
public final class Judge {

    private final List<MetricClassifier> classifiers;
    private final boolean shiftTest;

    public Judge(List<MetricClassifier> classifiers) {
        this(classifiers, true);
    }

    private Judge(List<MetricClassifier> classifiers, boolean shiftTest) {
        this.classifiers = List.copyOf(classifiers);
        this.shiftTest = shiftTest;
    }

    /**
     * The same rules without the Mann-Whitney/Hodges-Lehmann context figures, which never change a verdict
     * and cost two thirds of a judgement at 16 000 requests per arm; the simulation uses this to stay fast.
     */
    public Judge withoutShiftTest() {
        return new Judge(classifiers, false);
    }

    /** The default six rules. */
    public static Judge standard() {
        return new Judge(List.of(new MeanLatencyRatioClassifier(), new P95LatencyRatioClassifier(),
                RateLimitClassifier.timeouts(), RateLimitClassifier.errors(),
                RateIncreaseClassifier.timeouts(), RateIncreaseClassifier.errors()));
    }

    public Judgement judge(Arm baseline, Arm candidate, Policy policy) {
        return judge(baseline, candidate, policy, Optional.empty());
    }

    /**
     * The fixed-sample verdict of a run with one planned look ({@code compare}), with the run's anytime-valid
     * evidence attached. Below {@code minRequestsPerArm}, where the fixed-sample intervals are not trusted, a
     * crossing of that evidence is a BLOCK: the two tests act on disjoint run lengths, so a run is falsely
     * blocked with probability at most alpha either way.
     */
    public Judgement judge(Arm baseline, Arm candidate, Policy policy, Optional<SequentialEvidence> evidence) {
        var fixed = fixedSample(baseline, candidate, policy);
        if (evidence.isEmpty()) {
            return fixed;
        }
        var e = evidence.get();
        long fewest = Math.min(baseline.requests(), candidate.requests());
        if (fewest < policy.minRequestsPerArm() && e.crossed()) {
            return fixed.decided(Verdict.BLOCK, e.crossedReasons(), e, Optional.empty());
        }
        return fixed.decided(fixed.verdict(), fixed.reasons(), e, Optional.empty());
    }

    private Judgement fixedSample(Arm baseline, Arm candidate, Policy policy) {
        var bs = ArmSummary.of(baseline);
        var cs = ArmSummary.of(candidate);
        double splitP = SplitTest.pValue(baseline.sent(), candidate.sent(), policy.plannedCandidateShare());
        long fewest = Math.min(baseline.requests(), candidate.requests());
        if (fewest == 0) {
            String which = baseline.requests() == 0 && candidate.requests() == 0 ? "Neither arm"
                    : baseline.requests() == 0 ? "The baseline arm (" + baseline.version() + ")"
                    : "The candidate arm (" + candidate.version() + ")";
            String verb = which.equals("Neither arm") ? " has any requests to judge" : " has no requests to judge";
            return early(which + verb + "; at least " + policy.minRequestsPerArm()
                    + " per arm are needed.", bs, cs, splitP, policy.minRequestsPerArm());
        }
        if (fewest < policy.minRequestsPerArm()) {
            return early("Too few requests to judge: " + fewest + " in the smaller arm, at least "
                    + policy.minRequestsPerArm() + " per arm are needed (" + (policy.minRequestsPerArm() - fewest)
                    + " more).", bs, cs, splitP, policy.minRequestsPerArm() - fewest);
        }

        List<Measurement> measured = new ArrayList<>();
        List<MetricResult> results = new ArrayList<>();
        for (MetricClassifier c : classifiers) {
            c.measure(baseline, candidate, policy).ifPresent(measured::add);
        }
        double[] p = measured.stream().mapToDouble(Measurement::pValue).toArray();
        double[] adjusted = Holm.adjust(p);
        double[] levels = Holm.stepLevels(p, policy.alpha());
        double bonferroni = policy.alpha() / Math.max(1, classifiers.size());
        long more = 0;
        for (int i = 0; i < measured.size(); i++) {
            var r = classify(measured.get(i), adjusted[i], levels[i], bonferroni, fewest, policy);
            results.add(r);
            if (r.classification() == Classification.UNCLEAR) {
                more = Math.max(more, r.requiredPerArm() - fewest);
            }
        }
        addNoData(results, baseline, candidate, policy);

        List<String> reasons = new ArrayList<>();
        Optional<ShiftTest> shift = shiftTest ? shiftOf(baseline, candidate) : Optional.empty();
        // A failed baseline means the environment failed (an overloaded staging service or load generator times
        // out both arms alike): the comparison cannot tell, whatever the candidate's own numbers say.
        if (baseline.ok() * 2 < baseline.requests()) {
            reasons.add("The baseline arm (" + baseline.version() + ") failed: only " + baseline.ok() + " of "
                    + baseline.requests() + " requests succeeded, so the comparison says nothing about the candidate.");
            return new Judgement(Verdict.INCONCLUSIVE, reasons, results, bs, cs, shift, splitP, 0);
        }
        results.stream().filter(r -> r.classification() == Classification.EXCEEDS).forEach(r -> reasons.add(r.reason()));
        if (!reasons.isEmpty()) {
            return new Judgement(Verdict.BLOCK, reasons, results, bs, cs, shift, splitP, 0);
        }
        if (splitP < policy.splitAlpha()) {
            reasons.add(String.format(java.util.Locale.ROOT,
                    "The traffic split is far from plan: %d baseline vs %d candidate requests against a planned "
                            + "%.0f%% candidate share (chi-square p=%.2g).",
                    baseline.sent(), candidate.sent(), policy.plannedCandidateShare() * 100, splitP));
        }
        results.stream().filter(r -> r.classification() == Classification.UNCLEAR || r.classification() == Classification.NO_DATA)
                .forEach(r -> reasons.add(r.reason()));
        if (!reasons.isEmpty()) {
            return new Judgement(Verdict.INCONCLUSIVE, reasons, results, bs, cs, shift, splitP, more);
        }
        reasons.add("Every rule is within its limit with " + Math.round((1 - policy.alpha()) * 100)
                + "% confidence (" + fewest + "+ requests per arm).");
        return new Judgement(Verdict.PASS, reasons, results, bs, cs, shift, splitP, 0);
    }

    private MetricResult classify(Measurement m, double adjustedP, double level, double bonferroni, long n, Policy policy) {
        Rule rule = m.rule();
        Interval low = m.bounds().at(level);
        Interval high = m.bounds().at(policy.alpha());
        long required = m.sampleSizer().perArm(bonferroni, policy.power());
        String est = rule.format(m.estimate());
        String limit = rule.format(m.threshold());
        Classification c;
        String reason;
        if (adjustedP <= policy.alpha()) {
            c = Classification.EXCEEDS;
            reason = String.format(java.util.Locale.ROOT,
                    "Candidate %s is %s, over the limit %s: its %s lower confidence bound %s clears the limit "
                            + "(Holm-adjusted p=%.2g).", rule.label(), est, limit, ConfidenceLevel.text(1 - level), rule.format(low.lower()),
                    adjustedP);
        } else if (high.upper() < m.threshold()) {
            c = Classification.WITHIN;
            reason = String.format(java.util.Locale.ROOT, "Candidate %s is %s, within the limit %s (%s upper bound %s).",
                    rule.label(), est, limit, ConfidenceLevel.text(1 - policy.alpha()), rule.format(high.upper()));
        } else {
            c = Classification.UNCLEAR;
            reason = String.format(java.util.Locale.ROOT,
                    "Candidate %s is %s against the limit %s, but its bounds [%s, %s] straddle the limit: "
                            + "about %d requests per arm (%d more) would tell.", rule.label(), est, limit,
                    rule.format(low.lower()), rule.format(high.upper()), required, Math.max(0, required - n));
        }
        return new MetricResult(rule, m.estimate(), low.lower(), 1 - level, high.upper(), 1 - policy.alpha(),
                m.threshold(), m.test(), m.pValue(), adjustedP, c, reason, required);
    }

    /** Rules a classifier could not measure still appear, as NO_DATA (which keeps the verdict from PASS). */
    private void addNoData(List<MetricResult> results, Arm baseline, Arm candidate, Policy policy) {
        var t = policy.thresholds();
        for (Rule rule : Rule.values()) {
            if (results.stream().noneMatch(r -> r.rule() == rule) && isChecked(rule)) {
                double limit = switch (rule) {
                    case MEAN_LATENCY_RATIO -> t.meanLatencyRatio();
                    case P95_LATENCY_RATIO -> t.p95LatencyRatio();
                    case TIMEOUT_RATE -> t.timeoutRate();
                    case ERROR_RATE -> t.errorRate();
                    case TIMEOUT_RATE_INCREASE -> t.timeoutRateIncrease();
                    case ERROR_RATE_INCREASE -> t.errorRateIncrease();
                };
                results.add(MetricResult.noData(rule, limit, "fewer than 2 latencies or a zero baseline in "
                        + (LogRatioClassifier.measurable(baseline) ? candidate.version() : baseline.version())));
            }
        }
    }

    private boolean isChecked(Rule rule) {
        return switch (rule) {
            case MEAN_LATENCY_RATIO -> classifiers.stream().anyMatch(c -> c instanceof MeanLatencyRatioClassifier);
            case P95_LATENCY_RATIO -> classifiers.stream().anyMatch(c -> c instanceof P95LatencyRatioClassifier);
            default -> false;
        };
    }

    private static Optional<ShiftTest> shiftOf(Arm baseline, Arm candidate) {
        if (baseline.latencies().isEmpty() || candidate.latencies().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(MannWhitney.test(baseline.latencies(), candidate.latencies(), 0.95));
    }

    private static Judgement early(String reason, ArmSummary bs, ArmSummary cs, double splitP, long more) {
        return new Judgement(Verdict.INCONCLUSIVE, List.of(reason), List.of(), bs, cs, Optional.empty(), splitP, more);
    }

}
