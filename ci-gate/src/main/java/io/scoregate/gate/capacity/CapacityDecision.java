package io.scoregate.gate.capacity;

import io.scoregate.gate.judge.CapacityLimits;
import io.scoregate.gate.judge.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Decides a capacity run. A version's capacity lies between the highest rate it sustained and the rate it first
 * failed at (or the highest rate run, the ceiling asked for, when it never failed and the plan ran out), so:
 * <ol>
 *   <li>BLOCK when the candidate failed with evidence at a rate no higher than {@code minRatio} x a rate the
 *       baseline sustained: its capacity is then below {@code minRatio} of the baseline's whatever lies between
 *       the steps;</li>
 *   <li>INCONCLUSIVE when the load generator fell behind before either version failed: the run measured the
 *       machine running the gate, and both capacities are only lower bounds;</li>
 *   <li>PASS when the candidate sustained at least {@code minRatio} x the baseline's upper end (where the baseline
 *       failed, or the ceiling);</li>
 *   <li>otherwise INCONCLUSIVE: the steps bracket the two capacities too coarsely to tell.</li>
 * </ol>
 * With the default step factor 1.25 = 1 / the default minRatio, two versions that fail at the same step pass,
 * and one step apart is at worst INCONCLUSIVE, never a BLOCK: a BLOCK needs the candidate to fail at least two
 * steps below the rate the baseline first failed at.
 */
public final class CapacityDecision {

    /** Rates are products of floating-point factors: equal rates must compare equal. */
    private static final double TOLERANCE = 1e-9;

    private CapacityDecision() {
    }

    public static CapacityVerdict decide(CapacityRun run, String baselineVersion, String candidateVersion,
                                         CapacityLimits limits) {
        var b = capacityOf(baselineVersion, run.steps(), CapacityStep::baseline);
        var c = capacityOf(candidateVersion, run.steps(), CapacityStep::candidate);
        double m = limits.minRatio();
        OptionalDouble ratio = b.sustained().isPresent() && c.sustained().isPresent()
                ? OptionalDouble.of(c.sustained().getAsDouble() / b.sustained().getAsDouble()) : OptionalDouble.empty();
        List<String> reasons = new ArrayList<>();
        String numbers = "Capacity within the SLO (p95 <= " + num(limits.maxP95Ms()) + " ms, timeouts <= "
                + num(limits.maxTimeoutRate() * 100) + "%): baseline " + baselineVersion + " " + b.describe()
                + ", candidate " + candidateVersion + " " + c.describe() + ".";

        if (c.failure().isPresent() && b.sustained().isPresent()
                && c.failedAt().getAsDouble() <= m * b.sustained().getAsDouble() * (1 + TOLERANCE)) {
            SloCheck f = c.failure().get();
            reasons.add("Candidate " + candidateVersion + " failed its capacity SLO at " + rate(f.ratePerSecond())
                    + " req/s while baseline " + baselineVersion + " sustained " + rate(b.sustained().getAsDouble())
                    + " req/s: the candidate's capacity is below " + rate(f.ratePerSecond()) + " req/s, under "
                    + num(m) + " x the baseline's (" + rate(m * b.sustained().getAsDouble()) + " req/s).");
            reasons.add("Evidence: " + f.reason());
            reasons.add(numbers);
            return new CapacityVerdict(Verdict.BLOCK, reasons, b, c, ratio, limits, run.stop(), false, run.steps());
        }
        if (run.stop() == StopReason.GENERATOR_BEHIND && b.failure().isEmpty() && c.failure().isEmpty()) {
            reasons.add("The load generator, not the service, ran out at " + rate(run.highestRate())
                    + " req/s before either version failed its SLO, so both capacities are only lower bounds: baseline "
                    + baselineVersion + " " + b.describe() + ", candidate " + candidateVersion + " " + c.describe()
                    + ". Run compare from a machine with more headroom, or set --capacity-max-rate below "
                    + rate(run.highestRate()) + " req/s.");
            run.generatorBehind().ifPresent(reasons::add);
            return new CapacityVerdict(Verdict.INCONCLUSIVE, reasons, b, c, ratio, limits, run.stop(), true,
                    run.steps());
        }
        OptionalDouble baselineTop = b.failure().isPresent() ? b.failedAt()
                : run.stop() == StopReason.MAX_RATE ? OptionalDouble.of(run.highestRate()) : OptionalDouble.empty();
        if (c.sustained().isPresent() && baselineTop.isPresent()
                && c.sustained().getAsDouble() >= m * baselineTop.getAsDouble() * (1 - TOLERANCE)) {
            reasons.add("Candidate " + candidateVersion + " sustained " + rate(c.sustained().getAsDouble())
                    + " req/s, at least " + num(m) + " x " + (b.failure().isPresent()
                    ? "the rate baseline " + baselineVersion + " failed at (" + rate(baselineTop.getAsDouble())
                    + " req/s), above its capacity"
                    : "the highest rate tried (" + rate(baselineTop.getAsDouble()) + " req/s)") + ".");
            reasons.add(numbers);
            return new CapacityVerdict(Verdict.PASS, reasons, b, c, ratio, limits, run.stop(), false, run.steps());
        }
        reasons.add("The steps cannot tell whether candidate " + candidateVersion + " keeps " + num(m)
                + " x the capacity of baseline " + baselineVersion + ": " + c.describe() + " against "
                + b.describe() + (run.stop() == StopReason.GENERATOR_BEHIND
                ? "; the load generator fell behind at " + rate(run.highestRate()) + " req/s."
                : c.sustained().isEmpty() ? "; lower --rate so the first step is one it sustains."
                : "; a smaller --capacity-factor or longer steps would narrow it."));
        reasons.add(numbers);
        run.generatorBehind().ifPresent(reasons::add);
        return new CapacityVerdict(Verdict.INCONCLUSIVE, reasons, b, c, ratio, limits, run.stop(), false, run.steps());
    }

    /** The highest rate sustained before the first failure, and that failure. */
    static VersionCapacity capacityOf(String version, List<CapacityStep> steps,
                                      Function<CapacityStep, Optional<SloCheck>> side) {
        OptionalDouble sustained = OptionalDouble.empty();
        for (CapacityStep step : steps) {
            Optional<SloCheck> check = side.apply(step);
            if (check.isEmpty()) {
                continue;
            }
            if (check.get().failed()) {
                return new VersionCapacity(version, sustained, check);
            }
            if (check.get().sustained()) {
                sustained = OptionalDouble.of(Math.max(step.ratePerSecond(), sustained.orElse(0)));
            }
        }
        return new VersionCapacity(version, sustained, Optional.empty());
    }

    private static String rate(double r) {
        return CapacityPlan.rate(r);
    }

    private static String num(double x) {
        return String.format(Locale.ROOT, "%s", java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString());
    }
}
