package io.scoregate.gate.capacity;

import io.scoregate.contract.Outcome;
import io.scoregate.gate.accesslog.AccessLogRecord;
import io.scoregate.gate.judge.Arm;
import io.scoregate.gate.load.ArmSlot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A fake at the load boundary: a service where each version has a capacity, answering in about 5 ms below it and,
 * past it, as an overloaded open-model service does (answers in seconds, a third timing out), with a load generator
 * that falls behind above {@code generatorLimit}. Records every call, so tests see what was run in which order.
 */
final class SaturatingService implements StepRunner {

    record Call(int step, ArmSlot.Arm role, String version, double rate, long count) {
    }

    private final Map<String, Double> capacity;
    private final double generatorLimit;
    final List<Call> calls = new ArrayList<>();
    /** Calls (0-based) at which the generator stalls once, whatever the rate: a busy machine's hiccup. */
    private final java.util.Set<Integer> stalls = new java.util.HashSet<>();

    SaturatingService(Map<String, Double> capacity, double generatorLimit) {
        this.capacity = capacity;
        this.generatorLimit = generatorLimit;
    }

    SaturatingService stallingAtCall(int call) {
        stalls.add(call);
        return this;
    }

    @Override
    public StepLoad run(int step, ArmSlot.Arm role, String version, double rate, long count) {
        calls.add(new Call(step, role, version, rate, count));
        if (rate > generatorLimit || stalls.remove(calls.size() - 1)) {
            return new StepLoad.GeneratorBehind("The load generator could not keep to its schedule at " + rate + ".");
        }
        boolean overloaded = rate > capacity.get(version);
        return new StepLoad.Measured(StepArm.of(version, records(version, (int) count, overloaded ? 900 : 5,
                overloaded ? 0.3 : 0, step * 31L + role.ordinal())));
    }

    /** Lognormal latencies around {@code medianMs}; a share of timeouts censored at a 2 s client timeout. */
    static List<AccessLogRecord> records(String version, int n, double medianMs, double timeoutShare, long seed) {
        Random random = new Random(seed);
        List<AccessLogRecord> out = new ArrayList<>(n);
        Instant t = Instant.parse("2026-11-25T08:00:00Z");
        for (int i = 0; i < n; i++) {
            boolean timeout = random.nextDouble() < timeoutShare;
            double latency = timeout ? 2000 : medianMs * Math.exp(0.3 * random.nextGaussian());
            out.add(new AccessLogRecord(t.plusMillis(i), "r" + i, "acme", "/risk-score", version, latency,
                    timeout ? Outcome.TIMEOUT : Outcome.OK, timeout ? 0 : 200, Map.of()));
        }
        return out;
    }

    static Arm arm(String version, int n, double medianMs, double timeoutShare) {
        return StepArm.of(version, records(version, n, medianMs, timeoutShare, 7));
    }
}
