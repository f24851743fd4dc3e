package io.scoregate.gate.analyze;

import java.util.List;
import java.util.Locale;

/**
 * What got worse. Latency, timeouts and errors are segmented apart because a slow model and a failing
 * lender are different incidents; each says which requests count as degraded in its own incident.
 */
public enum Signal {
    /** Latency of the requests that did not fail; degraded = timed out, or slower than the baseline's p99. */
    LATENCY("latency"),
    /** Share of requests that timed out. */
    TIMEOUT_RATE("timeout rate"),
    /** Share of requests that failed with ERROR. */
    ERROR_RATE("error rate"),
    /**
     * Timed out, failed or slow, pooled: only for the best single split shown as a hint when no change point
     * of the three signals passes the false-alarm penalty (a log too short to segment).
     */
    SLOW_OR_FAILED("slowness or failures");

    /** The signals the log is segmented on. */
    public static final List<Signal> SEGMENTED = List.of(LATENCY, TIMEOUT_RATE, ERROR_RATE);

    private final String label;

    Signal(String label) {
        this.label = label;
    }

    /** How the reports name it ("error rate"). */
    public String label() {
        return label;
    }

    /** The JSON spelling ("errorRate"). */
    public String key() {
        String[] parts = name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return b.toString();
    }

    /** The requests of {@code s} that count as degraded for this signal. */
    long degraded(SlotStats s, int slowBin) {
        return switch (this) {
            case LATENCY -> s.timeouts() + s.slow(slowBin);
            case TIMEOUT_RATE -> s.timeouts();
            case ERROR_RATE -> s.errors;
            case SLOW_OR_FAILED -> s.degraded(slowBin);
        };
    }
}
