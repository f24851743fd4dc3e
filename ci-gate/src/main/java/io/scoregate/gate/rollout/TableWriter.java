package io.scoregate.gate.rollout;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads and changes the one routing table every target shares, through whichever target answers first. A
 * write is computed from a fresh read and retried when the revision moved under it (409), so two operators
 * (or an instance's own guard) acting at once never overwrite each other blindly. A write that got no answer
 * in time, or a 5xx, may or may not have been applied: it is retried the same way, from a fresh read through the
 * next target, so a change already applied is seen (a rollback's change is then empty) and a lost one is made
 * again against the revision the store has now. Refusals (400, 401, 403) are never retried.
 */
public final class TableWriter {

    static final int ATTEMPTS = 3;
    private final RoutingAdmin admin;

    public TableWriter(RoutingAdmin admin) {
        this.admin = admin;
    }

    /** The table as the first reachable target reports it. */
    public RoutingView read(List<URI> targets) throws RoutingAdmin.AdminException {
        List<String> problems = new ArrayList<>();
        for (URI target : targets) {
            try {
                return admin.read(target);
            } catch (RoutingAdmin.AdminException e) {
                problems.add(e.getMessage());
            }
        }
        throw new RoutingAdmin.AdminException("no target answered: " + String.join("; ", problems), 0);
    }

    /**
     * Applies {@code change} to a fresh read of the table; an empty change means the table is already as
     * wanted and nothing is written.
     */
    public RoutingView change(List<URI> targets, Function<RoutingView, Optional<RoutingChangeRequest>> change)
            throws RoutingAdmin.AdminException {
        RoutingAdmin.AdminException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            RoutingView current = read(startingAt(targets, attempt));
            Optional<RoutingChangeRequest> request = change.apply(current);
            if (request.isEmpty()) {
                return current;
            }
            try {
                return admin.write(current.target(), request.get());
            } catch (RoutingAdmin.AdminException e) {
                if (!retryable(e)) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /** A conflict, no answer at all, or the instance's own failure (the store unreachable from it, say). */
    private static boolean retryable(RoutingAdmin.AdminException e) {
        return e.conflict() || e.httpStatus() == 0 || e.httpStatus() / 100 == 5;
    }

    /** The targets in turn from the {@code attempt}-th, so a retry goes through another instance first. */
    private static List<URI> startingAt(List<URI> targets, int attempt) {
        if (targets.isEmpty()) {
            return targets;
        }
        int from = attempt % targets.size();
        List<URI> rotated = new ArrayList<>(targets.subList(from, targets.size()));
        rotated.addAll(targets.subList(0, from));
        return rotated;
    }
}
