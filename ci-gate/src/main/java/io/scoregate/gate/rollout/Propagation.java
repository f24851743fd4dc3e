package io.scoregate.gate.rollout;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits until every target applies a routing revision, polling each one's {@code GET /admin/routing}. The
 * runbook's "verify the change propagated to all instances": a change that reaches only some of them is
 * the failure the incident write-up warns about, so the laggards are named.
 */
public final class Propagation {

    /** A target that had not applied the revision by the deadline, and what it last said. */
    public record Laggard(URI target, String instanceId, long appliedRevision, String problem) {
        public String describe() {
            String who = instanceId.isEmpty() ? target.toString() : instanceId + " (" + target + ")";
            return problem.isEmpty() ? who + " still applies revision " + appliedRevision : who + ": " + problem;
        }
    }

    /** How the wait ended: laggards is empty on success. */
    public record Result(long revision, Duration took, List<Laggard> laggards) {
        public Result {
            laggards = List.copyOf(laggards);
        }

        public boolean complete() {
            return laggards.isEmpty();
        }
    }

    static final Duration POLL = Duration.ofMillis(100);

    private final RoutingAdmin admin;
    private final Clock clock;
    private final Pacer pacer;

    public Propagation(RoutingAdmin admin, Clock clock, Pacer pacer) {
        this.admin = admin;
        this.clock = clock;
        this.pacer = pacer;
    }

    public Result await(List<URI> targets, long revision, Duration deadline) throws InterruptedException {
        Instant start = clock.instant();
        Instant end = start.plus(deadline);
        while (true) {
            List<Laggard> laggards = new ArrayList<>();
            for (URI target : targets) {
                try {
                    RoutingView view = admin.read(target);
                    if (view.appliedRevision() < revision) {
                        laggards.add(new Laggard(target, view.instanceId(), view.appliedRevision(), ""));
                    }
                } catch (RoutingAdmin.AdminException e) {
                    laggards.add(new Laggard(target, "", -1, e.getMessage()));
                }
            }
            Instant now = clock.instant();
            if (laggards.isEmpty() || !now.isBefore(end)) {
                return new Result(revision, Duration.between(start, now), laggards);
            }
            pacer.pause(POLL);
        }
    }
}
