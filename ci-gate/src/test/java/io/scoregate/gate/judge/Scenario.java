package io.scoregate.gate.judge;

import io.scoregate.gate.stats.CensoredSample;
import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * A simulated arm: latencies drawn from a shape, rounded to whole milliseconds (the ties real logs
 * have), censored at a deadline (a TIMEOUT at the deadline), plus injected timeouts and errors.
 */
record Scenario(String name, Shape shape, double deadlineMs, double extraTimeoutRate, double errorRate,
                DoubleUnaryOperator transform) {

    interface Shape {
        double draw(Random random);
    }

    static Shape lognormal(double medianMs, double sigma) {
        return r -> medianMs * Math.exp(sigma * r.nextGaussian());
    }

    /** Pareto with scale xm and tail index a: a heavy tail (finite variance only for a > 2). */
    static Shape pareto(double xm, double a) {
        return r -> xm / Math.pow(1 - r.nextDouble(), 1 / a);
    }

    static Scenario of(String name, Shape shape, double deadlineMs) {
        return new Scenario(name, shape, deadlineMs, 0, 0, DoubleUnaryOperator.identity());
    }

    Scenario withTimeouts(double rate) {
        return new Scenario(name, shape, deadlineMs, rate, errorRate, transform);
    }

    Scenario withErrors(double rate) {
        return new Scenario(name, shape, deadlineMs, extraTimeoutRate, rate, transform);
    }

    Scenario transformed(DoubleUnaryOperator f) {
        return new Scenario(name, shape, deadlineMs, extraTimeoutRate, errorRate, transform.andThen(f));
    }

    Arm draw(String version, int n, Random random) {
        double[] observed = new double[n];
        double[] censored = new double[n];
        int no = 0;
        int nc = 0;
        long errors = 0;
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            if (u < errorRate) {
                errors++;
                continue;
            }
            double latency = Math.rint(transform.applyAsDouble(shape.draw(random)));
            if (u < errorRate + extraTimeoutRate || latency >= deadlineMs) {
                censored[nc++] = deadlineMs;
            } else {
                observed[no++] = latency;
            }
        }
        return new Arm(version, no, nc, errors, 0,
                CensoredSample.of(Arrays.copyOf(observed, no), Arrays.copyOf(censored, nc)));
    }
}
