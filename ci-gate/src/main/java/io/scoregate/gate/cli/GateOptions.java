package io.scoregate.gate.cli;

import io.scoregate.gate.judge.InvalidPolicyException;
import io.scoregate.gate.judge.Policy;
import io.scoregate.gate.judge.PolicyLoader;
import io.scoregate.gate.window.FreezeOverride;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every deciding command shares: the policy, the clock, and a freeze override. */
public final class GateOptions {

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Policy file (YAML or JSON) with thresholds, statistics settings and freeze windows; "
                    + "defaults to the built-in policy.")
    Optional<Path> policy = Optional.empty();

    @Option(names = "--now", paramLabel = "ISO-8601",
            description = "Decide as if it were this instant, e.g. 2026-11-27T18:06:00+03:00 (default: the real clock).")
    Optional<String> now = Optional.empty();

    @Option(names = "--override-approver", paramLabel = "NAME",
            description = "Who approves promoting during a freeze (needs --override-reason); recorded in every report.")
    Optional<String> overrideApprover = Optional.empty();

    @Option(names = "--override-reason", paramLabel = "TEXT", description = "Why the freeze is overridden.")
    Optional<String> overrideReason = Optional.empty();

    @Option(names = "--override-ticket", paramLabel = "ID", description = "Optional change or incident ticket of the override.")
    Optional<String> overrideTicket = Optional.empty();

    Policy loadPolicy() throws ExitException {
        if (policy.isEmpty()) {
            return Policy.DEFAULT;
        }
        String text = SmallInputFile.read("--policy", policy.get(), SmallInputFile.POLICY_CAP);
        try {
            return PolicyLoader.parse(text, policy.get().toString());
        } catch (InvalidPolicyException e) {
            throw ExitException.invalidInput(e.getMessage());
        }
    }

    Clock clock(Clock real) throws ExitException {
        if (now.isEmpty()) {
            return real;
        }
        return Clock.fixed(parseInstant(now.get()), java.time.ZoneOffset.UTC);
    }

    /**
     * A clock that starts at {@code --now} and then runs, for commands that wait (a rollout's holds): a fixed
     * clock would never reach the end of a hold.
     */
    Clock runningClock(Clock real) throws ExitException {
        if (now.isEmpty()) {
            return real;
        }
        return Clock.offset(real, java.time.Duration.between(real.instant(), parseInstant(now.get())));
    }

    Optional<FreezeOverride> override() throws ExitException {
        if (overrideApprover.isEmpty() && overrideReason.isEmpty()) {
            if (overrideTicket.isPresent()) {
                throw ExitException.invalidInput("`--override-ticket` needs `--override-approver` and `--override-reason`.");
            }
            return Optional.empty();
        }
        if (overrideApprover.isEmpty() || overrideReason.isEmpty()) {
            throw ExitException.invalidInput("An override needs both `--override-approver` and `--override-reason`.");
        }
        try {
            return Optional.of(new FreezeOverride(overrideApprover.get(), overrideReason.get(), overrideTicket));
        } catch (IllegalArgumentException e) {
            throw ExitException.invalidInput(e.getMessage());
        }
    }

    static Instant parseInstant(String s) throws ExitException {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                throw ExitException.invalidInput("`--now` must be an ISO-8601 instant such as 2026-11-27T18:06:00+03:00, but was " + s);
            }
        }
    }
}
