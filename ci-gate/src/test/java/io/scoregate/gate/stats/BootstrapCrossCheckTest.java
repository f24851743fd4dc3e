package io.scoregate.gate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The judge's ratio intervals are analytic (delta method for the mean, order statistics for the p95) so
 * its simulation stays fast. This checks them against a seeded percentile bootstrap of the same ratio on
 * skewed, millisecond-rounded samples: the log-scale standard errors must agree within 15%.
 */
class BootstrapCrossCheckTest {

    static double[] lognormal(int n, double median, double sigma, Random r) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.rint(median * Math.exp(sigma * r.nextGaussian()));
        }
        return x;
    }

    /** Standard deviation of log(statistic(c*) / statistic(b*)) over seeded resamples. */
    static double bootstrapLogSe(double[] b, double[] c, java.util.function.ToDoubleFunction<double[]> statistic, long seed) {
        Random r = new Random(seed);
        int reps = 1000;
        double[] logs = new double[reps];
        double[] bs = new double[b.length];
        double[] cs = new double[c.length];
        for (int k = 0; k < reps; k++) {
            for (int i = 0; i < bs.length; i++) {
                bs[i] = b[r.nextInt(b.length)];
            }
            for (int i = 0; i < cs.length; i++) {
                cs[i] = c[r.nextInt(c.length)];
            }
            logs[k] = Math.log(statistic.applyAsDouble(cs) / statistic.applyAsDouble(bs));
        }
        double mean = Arrays.stream(logs).average().orElseThrow();
        return Math.sqrt(Arrays.stream(logs).map(v -> (v - mean) * (v - mean)).sum() / (reps - 1));
    }

    static double p95(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return Quantiles.type7(s, 0.95);
    }

    @Test
    void meanRatioStandardErrorAgreesWithTheBootstrap() {
        Random r = new Random(11);
        double[] b = lognormal(2000, 100, 0.6, r);
        double[] c = lognormal(2000, 130, 0.6, r);
        double analytic = MeanRatio.of(CensoredSample.of(b), CensoredSample.of(c)).seLog();
        double boot = bootstrapLogSe(b, c, x -> Arrays.stream(x).average().orElseThrow(), 12);
        System.out.printf("XCHECK mean ratio: delta-method SE %.5f, bootstrap SE %.5f%n", analytic, boot);
        assertThat(analytic / boot).isCloseTo(1.0, within(0.15));
    }

    @Test
    void p95RatioStandardErrorAgreesWithTheBootstrap() {
        Random r = new Random(13);
        double[] b = lognormal(2000, 100, 0.6, r);
        double[] c = lognormal(2000, 130, 0.6, r);
        double analytic = QuantileRatio.of(CensoredSample.of(b), CensoredSample.of(c), 0.95).seLog();
        double boot = bootstrapLogSe(b, c, BootstrapCrossCheckTest::p95, 14);
        System.out.printf("XCHECK p95 ratio: order-statistic SE %.5f, bootstrap SE %.5f%n", analytic, boot);
        assertThat(analytic / boot).isCloseTo(1.0, within(0.15));
    }
}
