package io.scoregate.gate.maven;

import io.scoregate.gate.cli.ExitCode;
import io.scoregate.gate.cli.GateCommand;
import java.io.File;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn ci-gate:gate}: runs the same gate as {@code java -jar ci-gate.jar}, in-process, from a
 * pipeline's pom or the command line. The verdict decides the build: PASS goes on; BLOCK (regression or
 * freeze) and INCONCLUSIVE fail it ({@link MojoFailureException}, naming the report); a gate that could not
 * do its job (bad input, unreachable target, internal error) is a {@link MojoExecutionException}.
 */
@Mojo(name = "gate", requiresProject = false, threadSafe = true)
public class GateMojo extends AbstractMojo {

    /** {@code compare} (drive load at {@link #target}) or {@code judge} (recorded requests in {@link #log}). */
    @Parameter(property = "ci-gate.mode", defaultValue = "compare")
    String mode;

    /** The version in production now. */
    @Parameter(property = "ci-gate.baseline", required = true)
    String baseline;

    /** The version to promote. */
    @Parameter(property = "ci-gate.candidate", required = true)
    String candidate;

    /** Where the reports go. */
    @Parameter(property = "ci-gate.reportDir", defaultValue = "${project.build.directory}/ci-gate")
    File reportDir;

    /** Policy file (YAML or JSON); the built-in default policy when absent. */
    @Parameter(property = "ci-gate.policy")
    File policy;

    /** Decision time as ISO-8601, to fix the clock of the freeze-window check. */
    @Parameter(property = "ci-gate.now")
    String now;

    /** Who approved promotion during a freeze window. */
    @Parameter(property = "ci-gate.overrideApprover")
    String overrideApprover;

    /** Why promotion during a freeze window is needed. */
    @Parameter(property = "ci-gate.overrideReason")
    String overrideReason;

    /** Ticket of the freeze override, optional. */
    @Parameter(property = "ci-gate.overrideTicket")
    String overrideTicket;

    /** judge: the access log (JSON Lines) to judge. */
    @Parameter(property = "ci-gate.log")
    File log;

    /** compare: base URL of the staging service. */
    @Parameter(property = "ci-gate.target")
    String target;

    /** compare: total arrival rate, requests per second. */
    @Parameter(property = "ci-gate.rate")
    String rate;

    /** compare: measured run length, e.g. {@code 60s} or {@code PT1M}. */
    @Parameter(property = "ci-gate.duration")
    String duration;

    /** compare: warm-up length, excluded from the verdict. */
    @Parameter(property = "ci-gate.warmup")
    String warmup;

    /** compare: per-request client timeout. */
    @Parameter(property = "ci-gate.timeout")
    String timeout;

    /** compare: seed of the request generator and arm order. */
    @Parameter(property = "ci-gate.seed")
    String seed;

    /** Further arguments passed to the command as they are, for flags this goal does not name. */
    @Parameter
    List<String> extraArgs;

    /** Skips the gate (logged, so a skipped gate is never mistaken for a passed one). */
    @Parameter(property = "ci-gate.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().warn("ci-gate: skipped (ci-gate.skip=true); no verdict was reached.");
            return;
        }
        List<String> args = arguments();
        getLog().info("ci-gate " + String.join(" ", args));
        int code;
        try (var out = new PrintWriter(new MavenLogWriter(getLog()::info), true);
             var err = new PrintWriter(new MavenLogWriter(getLog()::error), true)) {
            var commandLine = GateCommand.commandLine();
            commandLine.setOut(out);
            commandLine.setErr(err);
            code = commandLine.execute(args.toArray(String[]::new));
        }
        decide(code, reportDir);
    }

    /** The command line for {@code compare} or {@code judge} built from this goal's parameters. */
    List<String> arguments() throws MojoExecutionException {
        if (!"compare".equals(mode) && !"judge".equals(mode)) {
            throw new MojoExecutionException("`mode` must be compare or judge, but was " + mode);
        }
        List<String> args = new ArrayList<>();
        args.add(mode);
        add(args, "--baseline", baseline);
        add(args, "--candidate", candidate);
        add(args, "--report-dir", reportDir == null ? null : reportDir.getPath());
        add(args, "--policy", policy == null ? null : policy.getPath());
        add(args, "--now", now);
        add(args, "--override-approver", overrideApprover);
        add(args, "--override-reason", overrideReason);
        add(args, "--override-ticket", overrideTicket);
        if ("judge".equals(mode)) {
            if (log == null) {
                throw new MojoExecutionException("`log` must name an access log in judge mode, but was not set");
            }
            add(args, "--log", log.getPath());
        } else {
            add(args, "--target", target);
            add(args, "--rate", rate);
            add(args, "--duration", duration);
            add(args, "--warmup", warmup);
            add(args, "--timeout", timeout);
            add(args, "--seed", seed);
        }
        if (extraArgs != null) {
            args.addAll(extraArgs);
        }
        return args;
    }

    /** The build's answer to the gate's exit code: the same {@link ExitCode} the command line exits with. */
    static void decide(int code, File reportDir) throws MojoExecutionException, MojoFailureException {
        ExitCode exit = ExitCode.of(code)
                .orElseThrow(() -> new MojoExecutionException("ci-gate: unknown exit code " + code));
        if (exit == ExitCode.PASS) {
            return;
        }
        if (exit.refusesPromotion()) {
            throw new MojoFailureException("ci-gate: " + exit.meaning() + "; see "
                    + new File(reportDir, "gate-report.md").getPath());
        }
        throw new MojoExecutionException("ci-gate: " + exit.meaning() + " (exit " + code + ")");
    }

    private static void add(List<String> args, String flag, String value) {
        if (value != null && !value.isBlank()) {
            args.add(flag);
            args.add(value);
        }
    }
}
