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
    private long unlabelled;

    public ArmRecorder(String baselineVersion, String candidateVersion) {
        this.baseline = new Tally(baselineVersion);
        this.candidate = new Tally(candidateVersion);
    }

    /**
     * Different versions are told apart by {@code modelVersion}. An A/A run (one version on both arms) is a
     * legitimate check of the gate itself, and needs two disjoint arms: a record {@code compare} wrote says
     * its arm in {@link AccessLogRecord#ARM_FIELD}; any other record is assigned by a hash of its request id
     * (line order when it has none), a fair split that the same log always reproduces.
     */
    @Override
    public void accept(AccessLogRecord r) {
        boolean isBaseline = r.modelVersion().equals(baseline.version);
        boolean isCandidate = r.modelVersion().equals(candidate.version);
        if (isBaseline && isCandidate) {
            String arm = r.extra().get(AccessLogRecord.ARM_FIELD);
            boolean toCandidate = arm != null ? arm.equals("candidate")
                    : ((r.requestId().isEmpty() ? unlabelled++ : mix(r.requestId().hashCode())) & 1) == 1;
            (toCandidate ? candidate : baseline).add(r);
        } else if (isBaseline) {
            baseline.add(r);
        } else if (isCandidate) {
            candidate.add(r);
        } else {
            otherVersions++;
        }
    }

    /** Spreads a String hash so its lowest bit is fair (murmur3's finaliser). */
    private static long mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
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
