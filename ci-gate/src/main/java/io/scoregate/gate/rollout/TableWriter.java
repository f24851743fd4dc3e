package io.scoregate.gate.rollout;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads and changes the one routing table every target shares, through whichever target answers first. A
 * write is computed from a fresh read and retried when the revision moved under it (409), so two operators
 * (or an instance's own guard) acting at once never overwrite each other blindly.
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
            RoutingView current = read(targets);
            Optional<RoutingChangeRequest> request = change.apply(current);
            if (request.isEmpty()) {
                return current;
            }
            try {
                return admin.write(current.target(), request.get());
            } catch (RoutingAdmin.AdminException e) {
                if (!e.conflict()) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }
}
