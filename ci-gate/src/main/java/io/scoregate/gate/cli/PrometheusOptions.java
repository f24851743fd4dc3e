package io.scoregate.gate.cli;

import io.scoregate.gate.prometheus.PrometheusClient;
import io.scoregate.gate.prometheus.PrometheusWindow;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --prometheus URL [--selector ...] [--prometheus-timeout ...]}: where the evidence comes from, checked once. */
public final class PrometheusOptions {

    @Option(names = "--prometheus", paramLabel = "URL",
            description = "The Prometheus that scrapes the service, e.g. http://prometheus:9090.")
    Optional<String> url = Optional.empty();

    @Option(names = "--selector", defaultValue = "", paramLabel = "MATCHERS",
            description = "With --prometheus: label matchers for the service's series, e.g. "
                    + "'job=\"scoregate\",namespace=\"prod\"' (default: every series).")
    String selector;

    @Option(names = "--prometheus-timeout", defaultValue = "30s", paramLabel = "DURATION",
            description = "With --prometheus: deadline for each whole query, answer included (default ${DEFAULT-VALUE}).")
    String timeout;

    boolean given() {
        return url.isPresent();
    }

    URI url() throws ExitException {
        String text = url.orElse("");
        return HttpUrl.parse(text).orElseThrow(() -> ExitException.invalidInput(
                "`--prometheus` must be an http(s) URL such as http://prometheus:9090, but was '" + text + "'"));
    }

    /** The label matchers, refused at once if they are not matchers (braces, line breaks). */
    String selector() throws ExitException {
        try {
            PrometheusWindow.cumulativeQuery(selector);
        } catch (IllegalArgumentException e) {
            throw ExitException.invalidInput(e.getMessage());
        }
        return selector;
    }

    PrometheusClient client() throws ExitException {
        Duration t = DurationText.parse("--prometheus-timeout", timeout);
        if (t.isZero() || t.isNegative() || t.toMinutes() > 10) {
            throw ExitException.invalidInput("`--prometheus-timeout` must be between 1 ms and 10m, but was " + timeout);
        }
        return new PrometheusClient(url(), t);
    }
}
