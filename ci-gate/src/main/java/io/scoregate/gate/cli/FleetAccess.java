package io.scoregate.gate.cli;

import io.scoregate.gate.prometheus.PrometheusFleetHistograms;
import io.scoregate.gate.rollout.FleetHistograms;
import io.scoregate.gate.rollout.HttpRoutingAdmin;
import io.scoregate.gate.rollout.Notifier;
import io.scoregate.gate.rollout.Pacer;
import io.scoregate.gate.rollout.RolloutReport;
import io.scoregate.gate.rollout.RolloutReportWriter;
import io.scoregate.gate.rollout.RoutingAdmin;
import io.scoregate.gate.rollout.WebhookNotifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What the commands that change a fleet's routing table share: the instances, how long a change may take to
 * reach them, the admin token, the webhook and the report directory. The token comes from the environment or a
 * file, never from a command-line argument, which would leak into CI logs and process listings.
 */
public final class FleetAccess {

    static final String TOKEN_ENV = "SCOREGATE_ADMIN_TOKEN";
    static final String WEBHOOK_ENV = "SCOREGATE_WEBHOOK_URL";
    private static final Duration ADMIN_CALL_TIMEOUT = Duration.ofSeconds(5);

    @Option(names = "--targets", required = true, paramLabel = "URL[,URL...]",
            description = "Base URLs of every scoring-service instance (they share one routing store), or "
                    + "dns+http://name:port for every address the name resolves to, e.g. a headless Service.")
    String targets;

    @Option(names = "--metrics", defaultValue = "instances", paramLabel = "instances|prometheus",
            description = "Where the live evidence comes from: each target's own /q/metrics, summed (default), or the "
                    + "Prometheus given by --prometheus, which scrapes them (one query per look).")
    String metrics;

    @picocli.CommandLine.Mixin
    PrometheusOptions prometheus;

    @Option(names = "--propagation-timeout", defaultValue = "10s", paramLabel = "DURATION",
            description = "How long every instance gets to apply a routing change (default: ${DEFAULT-VALUE}).")
    String propagationTimeout;

    @Option(names = "--admin-token-file", paramLabel = "FILE",
            description = "File holding the admin bearer token (default: the environment variable " + TOKEN_ENV + ").")
    Optional<Path> tokenFile = Optional.empty();

    @Option(names = "--webhook", paramLabel = "URL",
            description = "Slack-compatible webhook told about rollbacks (default: the environment variable "
                    + WEBHOOK_ENV + "; none: nobody is notified).")
    Optional<String> webhook = Optional.empty();

    @Option(names = "--report-dir", defaultValue = "gate-reports", paramLabel = "DIR",
            description = "Where the reports are written (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    private final Map<String, String> env;
    private final Pacer pacer;

    public FleetAccess() {
        this(System.getenv(), Pacer.REAL);
    }

    /** @param env where the token and the webhook may come from; {@code pacer} waits between calls (tests: none) */
    FleetAccess(Map<String, String> env, Pacer pacer) {
        this.env = env;
        this.pacer = pacer;
    }

    Pacer pacer() {
        return pacer;
    }

    List<URI> targets() throws ExitException {
        return TargetList.parse(targets);
    }

    Duration propagationTimeout() throws ExitException {
        return DurationText.parse("--propagation-timeout", propagationTimeout);
    }

    /** The admin API client, or exit 4 when no token is to be had. */
    RoutingAdmin admin(String actor) throws ExitException {
        Optional<String> token = token();
        if (token.isEmpty()) {
            throw ExitException.invalidInput("no admin token: set " + TOKEN_ENV + " or --admin-token-file");
        }
        return new HttpRoutingAdmin(token, actor, ADMIN_CALL_TIMEOUT);
    }

    /** The live evidence for {@code admin}'s fleet: the instances' own metrics, or Prometheus'. */
    FleetHistograms histograms(RoutingAdmin admin) throws ExitException {
        switch (metrics.trim()) {
            case "instances":
                if (prometheus.given()) {
                    throw ExitException.invalidInput("`--prometheus` is only read with `--metrics prometheus`");
                }
                return FleetHistograms.ofInstances(admin);
            case "prometheus":
                if (!prometheus.given()) {
                    throw ExitException.invalidInput("`--metrics prometheus` needs `--prometheus` with an http(s) URL "
                            + "such as http://prometheus:9090");
                }
                return new PrometheusFleetHistograms(prometheus.client(), prometheus.selector());
            default:
                throw ExitException.invalidInput("`--metrics` must be instances or prometheus, but was " + metrics);
        }
    }

    Notifier notifier() throws ExitException {
        Optional<String> url = webhook.or(() -> Optional.ofNullable(env.get(WEBHOOK_ENV))).map(String::trim)
                .filter(w -> !w.isEmpty());
        if (url.isEmpty()) {
            return Notifier.NONE;
        }
        URI hook = HttpUrl.parse(url.get()).orElseThrow(() -> ExitException.invalidInput(
                "`--webhook` (or " + WEBHOOK_ENV + ") must be one http(s) URL, but was '" + url.get() + "'"));
        return new WebhookNotifier(hook, 4, pacer);
    }

    /** Writes the report in every format and says where; a report that cannot be written is said, not fatal. */
    void writeReports(RolloutReport report, PrintWriter out, PrintWriter err) {
        try {
            var written = new RolloutReportWriter(env).write(report, reportDir);
            out.println("Reports: " + String.join(", ", written.stream().map(Path::toString).toList()));
        } catch (IOException e) {
            GateErrors.print(err, "the " + report.command() + " reports could not be written to " + reportDir + ": "
                    + e.getMessage());
        }
    }

    private Optional<String> token() throws ExitException {
        if (tokenFile.isPresent()) {
            String t = SmallInputFile.read("--admin-token-file", tokenFile.get(), SmallInputFile.TOKEN_CAP).trim();
            if (t.isEmpty()) {
                throw ExitException.invalidInput("`--admin-token-file` " + tokenFile.get() + " is empty");
            }
            return Optional.of(t);
        }
        return Optional.ofNullable(env.get(TOKEN_ENV)).map(String::trim).filter(t -> !t.isEmpty());
    }
}
