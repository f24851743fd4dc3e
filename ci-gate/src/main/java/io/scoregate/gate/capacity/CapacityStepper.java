package io.scoregate.gate.capacity;

import io.scoregate.gate.judge.Arm;
import io.scoregate.gate.judge.Judge;
import io.scoregate.gate.judge.Policy;
import io.scoregate.gate.judge.Verdict;
import io.scoregate.gate.load.ArmSlot;
import io.scoregate.gate.load.TargetUnreachableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Steps the arrival rate up through a {@link CapacityPlan}. At each rate each version runs alone (one run per
 * version, not one mixed run: on a shared service a costly candidate slows the baseline's requests queued behind
 * it as much as its own, and both would seem to fail at the same rate), the two in alternating order from step
 * to step so a drift in the machine's load falls on both. A version that failed its SLO with evidence is not run
 * again. Stops when both have failed, when the load generator falls behind twice in a row at one rate (further
 * steps would measure this machine; a single stall is run again), or after the plan's last rate.
 */
public final class CapacityStepper {

    private final CapacityPlan plan;
    private final Policy policy;
    private final StepRunner runner;
    private final Consumer<String> log;

    /** @param log told one line per version per step, for the progress shown while it runs */
    public CapacityStepper(CapacityPlan plan, Policy policy, StepRunner runner, Consumer<String> log) {
        this.plan = plan;
        this.policy = policy;
        this.runner = runner;
        this.log = log;
    }

    public CapacityRun run(String baseline, String candidate)
            throws TargetUnreachableException, IOException, InterruptedException {
        List<Double> rates = plan.rates();
        var slo = new SloClassifier(policy.capacity(), policy.alpha(), rates.size(), plan.minRequests());
        List<CapacityStep> steps = new ArrayList<>();
        boolean baselineFailed = false;
        boolean candidateFailed = false;
        for (int i = 0; i < rates.size(); i++) {
            double rate = rates.get(i);
            Optional<Arm> b = Optional.empty();
            Optional<Arm> c = Optional.empty();
            Optional<SloCheck> bCheck = Optional.empty();
            Optional<SloCheck> cCheck = Optional.empty();
            List<ArmSlot.Arm> order = i % 2 == 0 ? List.of(ArmSlot.Arm.BASELINE, ArmSlot.Arm.CANDIDATE)
                    : List.of(ArmSlot.Arm.CANDIDATE, ArmSlot.Arm.BASELINE);
            for (ArmSlot.Arm role : order) {
                boolean isBaseline = role == ArmSlot.Arm.BASELINE;
                if (isBaseline ? baselineFailed : candidateFailed) {
                    continue;
                }
                String version = isBaseline ? baseline : candidate;
                StepLoad load = runner.run(i, role, version, rate, plan.requestsAt(rate));
                if (load instanceof StepLoad.GeneratorBehind) {
                    // one stall of a busy machine (a GC pause, a noisy neighbour) trips the late-send guard of a
                    // short run as surely as a generator that cannot send this fast; only the second time in a row
                    // is the generator taken to have run out
                    log.accept("The load generator fell behind at " + CapacityPlan.rate(rate) + " req/s ("
                            + version + "); running it once more.");
                    load = runner.run(i, role, version, rate, plan.requestsAt(rate));
                }
                if (load instanceof StepLoad.GeneratorBehind behind) {
                    log.accept("The load generator fell behind at " + CapacityPlan.rate(rate) + " req/s again; "
                            + "stepping stops.");
                    steps.add(new CapacityStep(i, rate, bCheck, cCheck, Optional.empty()));
                    return new CapacityRun(steps, StopReason.GENERATOR_BEHIND, Optional.of(behind.why()));
                }
                Arm arm = ((StepLoad.Measured) load).arm();
                SloCheck check = slo.classify(arm, rate);
                log.accept("step " + (i + 1) + "/" + rates.size() + " " + (isBaseline ? "baseline " : "candidate ")
                        + check.reason() + " " + check.status());
                if (isBaseline) {
                    b = Optional.of(arm);
                    bCheck = Optional.of(check);
                } else {
                    c = Optional.of(arm);
                    cCheck = Optional.of(check);
                }
            }
            baselineFailed |= bCheck.map(SloCheck::failed).orElse(false);
            candidateFailed |= cCheck.map(SloCheck::failed).orElse(false);
            steps.add(new CapacityStep(i, rate, bCheck, cCheck, judged(b, c)));
            if (baselineFailed && candidateFailed) {
                return new CapacityRun(steps, StopReason.BOTH_FAILED, Optional.empty());
            }
        }
        return new CapacityRun(steps, StopReason.MAX_RATE, Optional.empty());
    }

    /** The existing judge on the two runs at one rate, when both ran: the relative view beside the SLO's. */
    private Optional<Verdict> judged(Optional<Arm> baseline, Optional<Arm> candidate) {
        if (baseline.isEmpty() || candidate.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Judge.standard().withoutShiftTest().judge(baseline.get(), candidate.get(), policy).verdict());
    }
}
