package io.scoregate.gate.judge;

/** The rules the judge checks, with how their numbers read. */
public enum Rule {
    MEAN_LATENCY_RATIO("mean latency ratio", "x"),
    P95_LATENCY_RATIO("p95 latency ratio", "x"),
    TIMEOUT_RATE("timeout rate", "%"),
    ERROR_RATE("error rate", "%"),
    TIMEOUT_RATE_INCREASE("timeout rate increase", "pp"),
    ERROR_RATE_INCREASE("error rate increase", "pp");

    private final String label;
    private final String unit;

    Rule(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    public String label() {
        return label;
    }

    /** "x" for ratios, "%" for rates, "pp" (percentage points) for differences of rates. */
    public String unit() {
        return unit;
    }

    /** A number of this rule as people read it: 2.31x, 6.25%, +1.20pp. */
    public String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+inf" : "-inf";
        }
        return switch (unit) {
            case "x" -> String.format(java.util.Locale.ROOT, "%.3gx", value);
            case "%" -> String.format(java.util.Locale.ROOT, "%.2f%%", value * 100);
            default -> String.format(java.util.Locale.ROOT, "%+.2fpp", value * 100);
        };
    }

    /** Machine name for reports: mean-latency-ratio. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
