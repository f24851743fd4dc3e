package io.scoregate.gate.analyze;

/**
 * The evidence about one group of requests in one time window. Latency percentiles are of the requests
 * that did not fail, read from log-scale bins (within +-19%); mean, min and max are exact and include
 * failed requests. All figures are 0 when {@code requests} is 0.
 */
public record GroupStats(long requests, long failed, double failureRate, long degraded, double degradedRate,
                         double meanMs, double p50Ms, double p95Ms, double minMs, double maxMs) {

    public static final GroupStats EMPTY = new GroupStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    static GroupStats of(SlotStats s, int slowBin) {
        return of(s, slowBin, Signal.SLOW_OR_FAILED);
    }

    /** With "degraded" as the signal counts it (a latency incident does not count errors). */
    static GroupStats of(SlotStats s, int slowBin, Signal signal) {
        if (s.n <= 0) {
            return EMPTY;
        }
        long degraded = signal.degraded(s, slowBin);
        double p50 = clamp(LatencyBins.quantile(s.okBins, 0.50), s);
        double p95 = clamp(LatencyBins.quantile(s.okBins, 0.95), s);
        return new GroupStats(s.n, s.failed, (double) s.failed / s.n, degraded, (double) degraded / s.n,
                s.sumMs / s.n, Double.isNaN(p50) ? 0 : p50, Double.isNaN(p95) ? 0 : p95,
                Double.isFinite(s.minMs) ? s.minMs : 0, Double.isFinite(s.maxMs) ? s.maxMs : 0);
    }

    /** A bin-interpolated quantile cannot lie outside the exact range of the group. */
    private static double clamp(double q, SlotStats s) {
        if (Double.isNaN(q) || !Double.isFinite(s.minMs) || !Double.isFinite(s.maxMs)) {
            return q;
        }
        return Math.max(s.minMs, Math.min(s.maxMs, q));
    }
}
