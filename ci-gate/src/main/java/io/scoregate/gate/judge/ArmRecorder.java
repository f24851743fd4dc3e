package io.scoregate.gate.judge;

import io.scoregate.evidence.Outcome;
import io.scoregate.evidence.SequentialLimits;
import io.scoregate.evidence.SequentialMonitor;
import io.scoregate.gate.accesslog.AccessLogRecord;
import io.scoregate.gate.stats.CensoredSample;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Sorts access-log records into the baseline and candidate arms; other versions are counted and ignored. Every
 * evidence record also goes, in the order it arrives, to a {@link SequentialMonitor} that is looked at after each
 * one: the anytime-valid evidence a CI job polling a growing log would see at any of its polls.
 */
public final class ArmRecorder implements Consumer<AccessLogRecord> {

    private final Tally baseline;
    private final Tally candidate;
    private final SequentialMonitor monitor;
    private long otherVersions;
    private long unlabelled;
    private Instant firstCandidate;
    private Instant lastCandidate;

    public ArmRecorder(String baselineVersion, String candidateVersion) {
        this(baselineVersion, candidateVersion, SequentialEvidence.limitsOf(Policy.DEFAULT));
    }

    public ArmRecorder(String baselineVersion, String candidateVersion, SequentialLimits limits) {
        this.baseline = new Tally(baselineVersion);
        this.candidate = new Tally(candidateVersion);
        this.monitor = new SequentialMonitor(limits);
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
            add(toCandidate, r);
        } else if (isBaseline || isCandidate) {
            add(isCandidate, r);
        } else {
            otherVersions++;
        }
    }

    private void add(boolean toCandidate, AccessLogRecord r) {
        (toCandidate ? candidate : baseline).add(r);
        Outcome outcome = switch (r.status()) {
            case OK -> Outcome.OK;
            case TIMEOUT -> Outcome.TIMEOUT;
            case ERROR -> Outcome.ERROR;
            case REJECTED -> null;
        };
        if (outcome == null) {
            return; // a client's mistake says nothing about the model
        }
        if (toCandidate) {
            monitor.recordCandidate(outcome, r.latencyMs(), true);
            firstCandidate = firstCandidate == null || r.timestamp().isBefore(firstCandidate) ? r.timestamp() : firstCandidate;
            lastCandidate = lastCandidate == null || r.timestamp().isAfter(lastCandidate) ? r.timestamp() : lastCandidate;
        } else {
            monitor.recordBaseline(outcome, r.latencyMs());
        }
        monitor.look();
    }

    /** The anytime-valid evidence after the last record, with the candidate's rate over the log's time span. */
    public SequentialEvidence sequential() {
        OptionalDouble rate = OptionalDouble.empty();
        if (firstCandidate != null) {
            double seconds = Duration.between(firstCandidate, lastCandidate).toMillis() / 1000.0;
            long n = monitor.candidateRequests();
            if (seconds > 0 && n > 1) {
                rate = OptionalDouble.of((n - 1) / seconds);
            }
        }
        return SequentialEvidence.of(monitor, rate);
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
