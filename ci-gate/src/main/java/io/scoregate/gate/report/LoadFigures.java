package io.scoregate.gate.report;

import io.scoregate.gate.load.LoadResult;
import java.time.Duration;

/**
 * How a compare run's load went, for the reports: a large schedule lag or many transport failures
 * tell a reader the staging run itself was unhealthy.
 */
public record LoadFigures(long plannedRequests, long measuredRequests, long warmupRequests, long transportFailures,
                          Duration maxScheduleLag, Duration elapsed) {

    public static LoadFigures of(LoadResult r) {
        return new LoadFigures(r.plannedRequests(), r.records().size(), r.warmupRequests(), r.transportFailures(),
                r.maxScheduleLag(), r.elapsed());
    }

    public String sentence() {
        return String.format(java.util.Locale.ROOT,
                "Load: %d of %d planned requests measured after %d warm-up requests in %.1f s; %d transport failures; "
                        + "worst schedule lag %d ms.", measuredRequests, plannedRequests, warmupRequests,
                elapsed.toMillis() / 1000.0, transportFailures, maxScheduleLag.toMillis());
    }
}
