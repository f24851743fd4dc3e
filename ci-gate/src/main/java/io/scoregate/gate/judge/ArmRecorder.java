package io.scoregate.gate.judge;

import io.scoregate.gate.accesslog.AccessLogRecord;
import io.scoregate.gate.stats.CensoredSample;
import java.util.Arrays;
import java.util.function.Consumer;

/** Sorts access-log records into the baseline and candidate arms; other versions are counted and ignored. */
public final class ArmRecorder implements Consumer<AccessLogRecord> {

    private final Tally baseline;
    private final Tally candidate;
    private long otherVersions;

    public ArmRecorder(String baselineVersion, String candidateVersion) {
        if (baselineVersion.equals(candidateVersion)) {
            // A/A runs are legitimate (a smoke test of the gate), but both arms then read the same records
            this.baseline = new Tally(baselineVersion);
            this.candidate = baseline;
        } else {
            this.baseline = new Tally(baselineVersion);
            this.candidate = new Tally(candidateVersion);
        }
    }

    @Override
    public void accept(AccessLogRecord r) {
        if (r.modelVersion().equals(baseline.version)) {
            baseline.add(r);
        } else if (r.modelVersion().equals(candidate.version)) {
            candidate.add(r);
        } else {
            otherVersions++;
        }
    }

    public Arm baseline() {
        return baseline.toArm();
    }

    public Arm candidate() {
        return candidate.toArm();
    }

    public long otherVersions() {
        return otherVersions;
    }

    private static final class Tally {
        final String version;
        long ok;
        long timeouts;
        long errors;
        long rejected;
        double[] observed = new double[1024];
        int nObserved;
        double[] censored = new double[64];
        int nCensored;

        Tally(String version) {
            this.version = version;
        }

        void add(AccessLogRecord r) {
            switch (r.status()) {
                case OK -> {
                    ok++;
                    if (nObserved == observed.length) {
                        observed = Arrays.copyOf(observed, observed.length * 2);
                    }
                    observed[nObserved++] = r.latencyMs();
                }
                case TIMEOUT -> {
                    timeouts++;
                    if (nCensored == censored.length) {
                        censored = Arrays.copyOf(censored, censored.length * 2);
                    }
                    censored[nCensored++] = r.latencyMs();
                }
                case ERROR -> errors++;
                case REJECTED -> rejected++;
            }
        }

        Arm toArm() {
            return new Arm(version, ok, timeouts, errors, rejected,
                    CensoredSample.of(Arrays.copyOf(observed, nObserved), Arrays.copyOf(censored, nCensored)));
        }
    }
}
