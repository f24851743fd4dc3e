package io.scoregate.evidence;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * A test traffic source: each request is an error, a timeout or an answer whose latency is a whole number of
 * milliseconds (ties, as real logs have), drawn from a precomputed table by Walker's alias method. One draw costs
 * two random numbers and no exp/pow, which keeps the hour-long A/A simulations fast; the table holds the exact
 * probabilities of the rounded latency (errors first, then timeouts, then every millisecond below the deadline).
 */
final class RoundedLatency {

    /** One drawn request. */
    record Request(Outcome outcome, double latencyMillis) {
    }

    private final int deadlineMillis;
    private final double[] probability;
    private final int[] alias;
    private final Outcome[] outcome;
    private final double[] latency;

    /**
     * @param survival       P(true latency >= t ms) of the continuous distribution, for t >= 0
     * @param deadlineMillis requests whose rounded latency reaches it time out and are recorded at it
     */
    RoundedLatency(DoubleUnaryOperator survival, int deadlineMillis, double timeoutRate, double errorRate) {
        this.deadlineMillis = deadlineMillis;
        int k = deadlineMillis + 2;
        double[] p = new double[k];
        outcome = new Outcome[k];
        latency = new double[k];
        double answered = 1 - timeoutRate - errorRate;
        p[0] = errorRate;
        outcome[0] = Outcome.ERROR;
        latency[0] = 0;
        // Math.round(x) == m for x in [m - 0.5, m + 0.5)
        p[1] = timeoutRate + answered * survival.applyAsDouble(deadlineMillis - 0.5);
        outcome[1] = Outcome.TIMEOUT;
        latency[1] = deadlineMillis;
        for (int m = 0; m < deadlineMillis; m++) {
            double lo = m == 0 ? 1.0 : survival.applyAsDouble(m - 0.5);
            p[m + 2] = answered * (lo - survival.applyAsDouble(m + 0.5));
            outcome[m + 2] = Outcome.OK;
            latency[m + 2] = m;
        }
        probability = new double[k];
        alias = new int[k];
        build(p);
    }

    /** Pareto: {@code scale x (1-U)^(-1/shape)}, i.e. P(X >= t) = (t/scale)^-shape above the scale. */
    static RoundedLatency pareto(double scaleMillis, double shape, int deadlineMillis, double timeoutRate,
                                 double errorRate) {
        return new RoundedLatency(t -> t <= scaleMillis ? 1.0 : Math.pow(t / scaleMillis, -shape), deadlineMillis,
                timeoutRate, errorRate);
    }

    /** Lognormal with the given median and log-scale sigma. */
    static RoundedLatency lognormal(double medianMillis, double sigma, int deadlineMillis, double timeoutRate,
                                    double errorRate) {
        return new RoundedLatency(t -> t <= 0 ? 1.0 : upperNormalTail(Math.log(t / medianMillis) / sigma),
                deadlineMillis, timeoutRate, errorRate);
    }

    Request draw(SplittableRandom random) {
        int i = index(random);
        return new Request(outcome[i], latency[i]);
    }

    /** The index of a drawn category: 0 error, 1 timeout, m + 2 an answer in m ms. */
    int index(SplittableRandom random) {
        int i = random.nextInt(probability.length);
        return random.nextDouble() < probability[i] ? i : alias[i];
    }

    Outcome outcomeOf(int index) {
        return outcome[index];
    }

    double latencyOf(int index) {
        return latency[index];
    }

    int deadlineMillis() {
        return deadlineMillis;
    }

    /** P(Z >= z) for a standard normal: erfc(z / sqrt 2) / 2. */
    static double upperNormalTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    // Numerical Recipes' erfc (Chebyshev fit, relative error below 1.2e-7 everywhere): ample for a traffic source.
    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    private void build(double[] p) {
        int k = p.length;
        double[] scaled = new double[k];
        double total = 0;
        for (double v : p) {
            total += v;
        }
        ArrayDeque<Integer> small = new ArrayDeque<>();
        ArrayDeque<Integer> large = new ArrayDeque<>();
        for (int i = 0; i < k; i++) {
            scaled[i] = p[i] / total * k;
            (scaled[i] < 1 ? small : large).add(i);
        }
        while (!small.isEmpty() && !large.isEmpty()) {
            int s = small.poll();
            int l = large.poll();
            probability[s] = scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            (scaled[l] < 1 ? small : large).add(l);
        }
        for (int i : large) {
            probability[i] = 1;
            alias[i] = i;
        }
        for (int i : small) {
            probability[i] = 1;
            alias[i] = i;
        }
    }
}
