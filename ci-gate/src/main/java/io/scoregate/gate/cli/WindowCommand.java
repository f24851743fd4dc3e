package io.scoregate.gate.cli;

import io.scoregate.gate.judge.Policy;
import io.scoregate.gate.window.FreezeCalendar;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code window}: is promotion frozen now (or at --now), and until when. Exit 0 when open, 2 when frozen
 * (with or without an override, which this command only reports), so a pipeline step can gate on it.
 */
@Command(name = "window", mixinStandardHelpOptions = true,
        description = "Says whether promotion is frozen now (or at --now) and until when. Exit 0 when open, "
                + "2 when frozen, 4 on invalid input.")
public final class WindowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GateOptions options;

    private final Clock clock;

    public WindowCommand() {
        this(Clock.systemUTC());
    }

    public WindowCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws ExitException {
        var out = spec.commandLine().getOut();
        Policy policy = options.loadPolicy();
        var d = new FreezeCalendar(policy.freeze()).check(options.clock(clock), options.override());
        String local = ZonedDateTime.ofInstant(d.at(), d.zone()).toString();
        if (!d.frozen()) {
            out.println("OPEN at " + local + ": promotion is allowed.");
            return ExitCode.PASS.code();
        }
        String until = d.until().map(u -> ZonedDateTime.ofInstant(u, d.zone()).toString()).orElse("further notice");
        out.println("FROZEN at " + local + " by " + d.window().orElse("a freeze window") + " until " + until + ".");
        d.override().ifPresent(o -> out.println("Override by " + o.approver() + ": " + o.reason()
                + o.ticket().map(t -> " (" + t + ")").orElse("") + "."));
        out.flush();
        throw new ExitException(ExitCode.BLOCK_FREEZE, "promotion is frozen until " + until + ".");
    }
}
