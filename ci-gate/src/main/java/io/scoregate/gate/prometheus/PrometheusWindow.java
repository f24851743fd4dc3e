package io.scoregate.gate.prometheus;

import io.scoregate.gate.rollout.LatencyHistogramSnapshot;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The requests of a time window as Prometheus saw them: per model version and outcome, the increase of the
 * service's latency histogram over the window, summed over every instance and endpoint the selector matches.
 * The judge then works on them as on a log, at the histogram's resolution (see {@link LatencyHistogramSnapshot}).
 * A window has no order inside it, so its evidence is judged as one fixed sample.
 */
public final class PrometheusWindow {

    /**
     * Label matchers only ({@code job="scoregate",namespace="prod"}): no braces, no newline. Prometheus checks the
     * syntax; this keeps the query one aggregation the user cannot turn into another.
     */
    private static final Pattern SELECTOR = Pattern.compile("[^{}\\n\\r]*");

    private PrometheusWindow() {
    }

    /** The PromQL for the fleet's cumulative buckets now: {@code sum by (model_version, outcome, le) (bucket{selector})}. */
    public static String cumulativeQuery(String selector) {
        requireMatchersOnly(selector);
        return "sum by (model_version, outcome, le) (" + LatencyHistogramSnapshot.BUCKET_METRIC + "{" + selector + "})";
    }

    private static void requireMatchersOnly(String selector) {
        if (!SELECTOR.matcher(selector).matches()) {
            throw new IllegalArgumentException("`--selector` must be label matchers such as job=\"scoregate\", "
                    + "without braces or line breaks, but was " + selector);
        }
    }

    /** The PromQL for a window: {@code sum by (model_version, outcome, le) (increase(bucket{selector}[window]))}. */
    public static String query(String selector, Duration window) {
        requireMatchersOnly(selector);
        if (window.toSeconds() < 1) {
            throw new IllegalArgumentException("`--window` must be at least 1s, but was " + window);
        }
        return "sum by (model_version, outcome, le) (increase(" + LatencyHistogramSnapshot.BUCKET_METRIC + "{"
                + selector + "}[" + window.toSeconds() + "s]))";
    }

    /** The window's histograms, read from Prometheus. */
    public static LatencyHistogramSnapshot read(PrometheusClient prometheus, String selector, Duration window)
            throws PrometheusException, InterruptedException {
        return LatencyHistogramSnapshot.of(prometheus.vector(query(selector, window),
                LatencyHistogramSnapshot.BUCKET_METRIC));
    }
}
