package io.scoregate.gate.load;

import org.HdrHistogram.Histogram;

/**
 * Everything one load run measured: the shared {@link LoadResult} plus the detail the load generator
 * alone knows. Histograms hold microseconds from the intended send time of measured OK requests, one per arm.
 *
 * @param result            the records and counts every consumer reads
 * @param baselineLatencyUs OK latencies of the baseline arm, microseconds
 * @param candidateLatencyUs OK latencies of the candidate arm, microseconds
 * @param versionMismatches 2xx answers whose X-Model-Version was not the pinned version (recorded as ERROR)
 * @param schedule          how well the schedule was kept
 */
public record LoadRun(LoadResult result, Histogram baselineLatencyUs, Histogram candidateLatencyUs,
                      long versionMismatches, ScheduleAdherence schedule) {

    /** Latencies and lags are recorded in microseconds up to an hour; longer ones are clamped to it. */
    static final long HIGHEST_TRACKABLE_US = java.util.concurrent.TimeUnit.HOURS.toMicros(1);
}
