package io.scoregate.gate.capacity;

import io.scoregate.gate.accesslog.AccessLogRecord;
import io.scoregate.gate.judge.Arm;
import io.scoregate.gate.stats.CensoredSample;
import java.util.List;

/**
 * One version's run at one rate as the judge's {@link Arm}: every record of that run, both of the load
 * generator's interleaved arms pooled (the version ran alone, so both are the same version).
 */
public final class StepArm {

    private StepArm() {
    }

    public static Arm of(String version, List<AccessLogRecord> records) {
        long ok = 0;
        long timeouts = 0;
        long errors = 0;
        long rejected = 0;
        double[] observed = new double[records.size()];
        double[] censored = new double[records.size()];
        int nObserved = 0;
        int nCensored = 0;
        for (AccessLogRecord r : records) {
            switch (r.status()) {
                case OK -> {
                    ok++;
                    observed[nObserved++] = r.latencyMs();
                }
                case TIMEOUT -> {
                    timeouts++;
                    censored[nCensored++] = r.latencyMs();
                }
                case ERROR -> errors++;
                case REJECTED -> rejected++;
            }
        }
        return new Arm(version, ok, timeouts, errors, rejected, CensoredSample.of(
                java.util.Arrays.copyOf(observed, nObserved), java.util.Arrays.copyOf(censored, nCensored)));
    }
}
