package io.scoregate.gate.capacity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rates {@code compare --capacity} steps through and how long each step runs: a geometric series from
 * {@code startRate} by {@code factor}, at most {@code maxSteps} rates, none above {@code maxRate} (the last step
 * is {@code maxRate} itself when the series would jump past it, so the ceiling asked for is the one tested).
 * At each rate each version runs alone for {@link #requestsAt(double)} measured requests: the step duration's
 * worth, and never fewer than {@code minRequests}: the policy's {@code minRequestsPerArm} (the judge's minimum
 * evidence), or more when the timeout objective needs more to be shown held
 * ({@link SloClassifier#requestsToHold}).
 *
 * @param startRate          the first step's arrival rate, requests per second
 * @param factor             each step's rate over the previous one's
 * @param maxRate            no step goes above this
 * @param maxSteps           at most this many steps
 * @param stepDuration       measured time per version per step (longer at rates where the minimum needs it)
 * @param warmup             the excluded ramp before each version's run
 * @param minRequests        measured requests per version per step at least
 */
public record CapacityPlan(double startRate, double factor, double maxRate, int maxSteps, Duration stepDuration,
                           Duration warmup, long minRequests) {

    public static final double DEFAULT_FACTOR = 1.25;
    public static final int DEFAULT_STEPS = 12;
    public static final Duration DEFAULT_STEP_DURATION = Duration.ofSeconds(10);
    public static final double MAX_FACTOR = 10;
    public static final int MAX_STEPS = 100;

    public CapacityPlan {
        if (!(factor > 1 && factor <= MAX_FACTOR)) {
            throw new IllegalArgumentException("`--capacity-factor` must be above 1 and at most " + (int) MAX_FACTOR
                    + ", but was " + factor);
        }
        if (maxSteps < 1 || maxSteps > MAX_STEPS) {
            throw new IllegalArgumentException("`--capacity-steps` must be between 1 and " + MAX_STEPS + ", but was "
                    + maxSteps);
        }
        if (!(maxRate >= startRate)) {
            throw new IllegalArgumentException("`--capacity-max-rate` must be at least `--rate` (" + rate(startRate)
                    + "), but was " + rate(maxRate));
        }
        if (minRequests < 1) {
            throw new IllegalArgumentException("a step needs at least one measured request, but the minimum was "
                    + minRequests);
        }
    }

    /** The rates in order, requests per second. */
    public List<Double> rates() {
        List<Double> rates = new ArrayList<>();
        double r = startRate;
        while (rates.size() < maxSteps && r < maxRate * (1 - 1e-9)) {
            rates.add(r);
            r *= factor;
        }
        if (rates.size() < maxSteps) {
            rates.add(maxRate);
        }
        return List.copyOf(rates);
    }

    /** Measured requests of one version at {@code rate}: the step duration's worth, at least the minimum. */
    public long requestsAt(double rate) {
        return Math.max(minRequests, Math.round(stepDuration.toNanos() / 1e9 * rate));
    }

    /** How long one version's run at {@code rate} is scheduled to take, warm-up included. */
    public Duration runLengthAt(double rate) {
        return warmup.plus(Duration.ofNanos(Math.round(requestsAt(rate) / rate * 1e9)));
    }

    /** The longest the whole capacity run can take: every step, both versions, as scheduled. */
    public Duration longestRun() {
        Duration total = Duration.ZERO;
        for (double r : rates()) {
            total = total.plus(runLengthAt(r).multipliedBy(2));
        }
        return total;
    }

    /** One line for the start of a run: how many steps, which rates, and the bound on its length. */
    public String describe() {
        List<Double> rates = rates();
        Duration bound = longestRun();
        return String.format(Locale.ROOT, "Capacity: up to %d step(s) from %s to %s req/s (x%s each), each version "
                        + "alone for %d s + %d s warm-up per step (at least %d requests): at most %d min %02d s of load.",
                rates.size(), rate(rates.get(0)), rate(rates.get(rates.size() - 1)), trim(factor),
                stepDuration.toSeconds(), warmup.toSeconds(), minRequests, bound.toMinutes(), bound.toSecondsPart());
    }

    static String rate(double r) {
        return r >= 100 || r == Math.rint(r) ? String.format(Locale.ROOT, "%.0f", r) : String.format(Locale.ROOT, "%.1f", r);
    }

    private static String trim(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }
}
