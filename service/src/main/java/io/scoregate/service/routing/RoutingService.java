package io.scoregate.service.routing;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.scoregate.service.config.RoutingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The routing table this instance applies, kept in step with the {@link RoutingStore}: pushed changes are
 * applied as they arrive, a periodic re-read catches anything missed, and when the store is down or holds
 * garbage the last applied table stays in force (serving never depends on the store being up).
 *
 * <p>Writes go to the store first and are applied here only once the store accepted them, so an API
 * answer of "applied" always means "durable in the store".
 */
@ApplicationScoped
public class RoutingService implements TrafficRouter {

    private static final Logger LOG = Logger.getLogger(RoutingService.class);
    private static final int ROLLBACK_ATTEMPTS = 5;

    private final RoutingStore store;
    private final RoutingConfig config;
    private final Event<RoutingApplied> applied;
    private final String instanceId;
    private final Clock clock;
    private final AtomicReference<RoutingTable> current;
    private final AtomicReference<StoreStatus> status;
    /** Set by any outage; the next successful re-read then opens a fresh push subscription. */
    private final AtomicBoolean resubscribe = new AtomicBoolean(false);

    @Inject
    public RoutingService(RoutingStore store, RoutingConfig config, Event<RoutingApplied> applied, Clock clock,
                          @ConfigProperty(name = "scoregate.instance-id") Optional<String> instanceId) {
        this.store = store;
        this.clock = clock;
        this.config = config;
        this.applied = applied;
        this.instanceId = InstanceId.resolve(instanceId);
        this.current = new AtomicReference<>(RoutingTable.initial(config.initialStable(), clock.instant()));
        this.status = new AtomicReference<>(new StoreStatus(store.kind(), StoreState.UP, Optional.empty(),
                clock.instant(), Optional.empty()));
    }

    void onStart(@Observes StartupEvent event) {
        LOG.infof("routing store %s, instance %s", store.kind(), instanceId);
        try {
            store.recover();
        } catch (RoutingStoreException e) {
            markFailed(e);
        }
        refresh();
        applied.fire(new RoutingApplied(current.get()));
    }

    @Override
    public String route(String applicationId) {
        return StickyWeightedRouter.choose(current.get(), applicationId);
    }

    @Override
    public RoutingTable current() {
        return current.get();
    }

    public String instanceId() {
        return instanceId;
    }

    public StoreStatus storeStatus() {
        return status.get();
    }

    public String storeKind() {
        return store.kind();
    }

    /** Whether changes are pushed to this instance right now (false for the file store, or while reconnecting). */
    public boolean pushSubscribed() {
        return store.pushConnected() && !resubscribe.get();
    }

    /** The periodic safety net: re-read the store, seed it if it lost the table, re-subscribe after an outage. */
    // no default in the expression: RoutingConfig's @WithDefault is the one source, and SmallRye Config resolves it
    @Scheduled(every = "${scoregate.routing.refresh-interval}", delayed = "${scoregate.routing.refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            Optional<RoutingTable> stored = store.read();
            if (stored.isEmpty()) {
                seed();
            } else {
                applyReRead(stored.get());
            }
            if (resubscribe.getAndSet(false)) {
                try {
                    store.resubscribe(this::onPush);
                } catch (RoutingStoreException e) {
                    resubscribe.set(true);
                    throw e;
                }
            } else {
                store.subscribe(this::onPush);
            }
            markUp();
        } catch (RoutingStoreException e) {
            e.corruption().ifPresent(this::adoptLastKnown);
            markFailed(e);
        }
    }

    /**
     * A corrupted store's newest audited table beats the bootstrap table an instance starts with: after a
     * restart on a broken table, keep routing as the fleet last did (and at that revision), not 100% stable.
     */
    private void adoptLastKnown(StoreCorruption corruption) {
        corruption.lastKnown().filter(t -> t.revision() > current.get().revision())
                .ifPresent(t -> apply(t, "the corrupted store's newest audit entry"));
    }

    /** An empty store (first start, or Redis restarted without persistence) gets the table we apply. */
    private void seed() {
        RoutingTable mine = current.get();
        RoutingAuditEntry entry = new RoutingAuditEntry(clock.instant(), "bootstrap", instanceId, Optional.empty(),
                mine, "store held no routing table; seeded with the table this instance applies");
        RoutingStore.CasOutcome outcome = store.compareAndSet(RoutingStore.NO_TABLE, mine, entry);
        if (outcome.applied()) {
            LOG.infof("routing store %s was empty; seeded it with %s", store.kind(), mine.summary());
        } else {
            store.read().ifPresent(t -> apply(t, "re-read after seeding race"));
        }
    }

    private void applyReRead(RoutingTable stored) {
        RoutingTable table = stored;
        if (table.revision() < current.get().revision()) {
            // A push may have overtaken this read; only a second read that still says so means the store
            // really went back (restored from an old backup, say). The store is the truth: follow it, loudly.
            table = store.read().orElse(table);
            if (table.revision() < current.get().revision()) {
                LOG.warnf("routing store went back from rev %d to %s; following the store", current.get().revision(),
                        table.summary());
            }
        }
        apply(table, "re-read");
    }

    private void onPush(RoutingTable table) {
        if (table.revision() > current.get().revision()) {
            apply(table, "push");
        }
    }

    private synchronized void apply(RoutingTable table, String via) {
        RoutingTable before = current.get();
        if (before.equals(table)) {
            return;
        }
        current.set(table);
        LOG.infof("routing applied via %s: %s (was %s)", via, table.summary(), before.summary());
        applied.fire(new RoutingApplied(table));
    }

    /** Applies an admin change: checked against the store's revision, written there, then applied here. */
    public ChangeResult change(RoutingChange change) {
        try {
            WriteBasis basis = readForWrite();
            if (basis.revision() != change.expectedRevision()) {
                return new ChangeResult.Conflict(change.expectedRevision(), basis.revision());
            }
            RoutingTable next = new RoutingTable(basis.revision() + 1, change.stable(), change.candidate(),
                    change.weights(), clock.instant(), change.actor(), change.reason());
            return write(basis, next, change.actor());
        } catch (RoutingStoreException e) {
            markFailed(e);
            return new ChangeResult.StoreUnavailable(e.getMessage());
        }
    }

    /**
     * Takes all traffic off {@code candidate} (weight 0, stable 100). Idempotent: when the store already
     * gives it no traffic nothing is written, so several instances tripping at once leave one audit entry.
     */
    public ChangeResult rollbackCandidate(String candidate, String actor, String reason) {
        try {
            for (int attempt = 0; attempt < ROLLBACK_ATTEMPTS; attempt++) {
                WriteBasis basis = readForWrite();
                RoutingTable before = basis.table();
                if (!before.candidate().map(candidate::equals).orElse(false) || before.weightOf(candidate) == 0) {
                    if (basis.storeRevision() == before.revision() && before.revision() > current.get().revision()) {
                        apply(before, "rollback check");
                    }
                    return new ChangeResult.Unchanged(before);
                }
                RoutingTable next = new RoutingTable(basis.revision() + 1, before.stable(), before.candidate(),
                        Map.of(before.stable(), 100, candidate, 0), clock.instant(), actor, reason);
                ChangeResult result = write(basis, next, actor);
                if (!(result instanceof ChangeResult.Conflict)) {
                    return result;
                }
                // Someone else changed the table meanwhile: look again, it may already be rolled back.
            }
            return new ChangeResult.StoreUnavailable("routing table kept changing during " + ROLLBACK_ATTEMPTS
                    + " rollback attempts");
        } catch (RoutingStoreException e) {
            markFailed(e);
            return new ChangeResult.StoreUnavailable(e.getMessage());
        }
    }

    /**
     * What a write builds on.
     *
     * @param table         the table it changes (and names as `from` in the audit)
     * @param revision      the revision the caller must have seen; the write gets the next one
     * @param storeRevision the revision the store must still hold for a compare-and-set to win
     * @param corruption    present when the store's table is unreadable: the write is then its repair
     */
    private record WriteBasis(RoutingTable table, long revision, long storeRevision,
                              Optional<StoreCorruption> corruption) {
    }

    /**
     * The store's table; or, when the store is empty (Redis restarted without persistence) or holds
     * garbage, the one applied here: neither may block the change that repairs it. DOWN still throws.
     * A corrupted store's revision is the highest it shows evidence of, so the repair never goes back.
     */
    private WriteBasis readForWrite() {
        try {
            Optional<RoutingTable> stored = store.read();
            markUp();
            return stored.map(t -> new WriteBasis(t, t.revision(), t.revision(), Optional.empty()))
                    .orElseGet(() -> new WriteBasis(current.get(), current.get().revision(), RoutingStore.NO_TABLE,
                            Optional.empty()));
        } catch (RoutingStoreException e) {
            StoreCorruption corruption = e.corruption().orElseThrow(() -> e);
            adoptLastKnown(corruption);
            markFailed(e);
            RoutingTable applied = current.get();
            long revision = Math.max(corruption.revisionFloor(), applied.revision());
            return new WriteBasis(applied, revision, revision, Optional.of(corruption));
        }
    }

    private ChangeResult write(WriteBasis basis, RoutingTable next, String actor) {
        RoutingAuditEntry entry = new RoutingAuditEntry(next.updatedAt(), actor, instanceId,
                Optional.of(basis.table()), next, next.reason());
        RoutingStore.CasOutcome outcome = basis.corruption()
                .map(c -> store.repair(c, next, entry))
                .orElseGet(() -> store.compareAndSet(basis.storeRevision(), next, entry));
        markUp();
        if (!outcome.applied()) {
            return new ChangeResult.Conflict(basis.revision(), outcome.storeRevision());
        }
        apply(next, "own write");
        return new ChangeResult.Applied(next);
    }

    /**
     * The table in the store right now and the revision a change must name as `expectedRevision`. When the
     * store cannot be read, the table applied here; when it is corrupted, with the store's revision floor.
     */
    public StoreView storeView() {
        try {
            Optional<RoutingTable> t = store.read();
            markUp();
            RoutingTable shown = t.orElse(current.get());
            return new StoreView(shown, shown.revision());
        } catch (RoutingStoreException e) {
            e.corruption().ifPresent(this::adoptLastKnown);
            markFailed(e);
            RoutingTable applied = current.get();
            long revision = e.corruption().map(c -> Math.max(c.revisionFloor(), applied.revision()))
                    .orElse(applied.revision());
            return new StoreView(applied, revision);
        }
    }

    /** What GET /admin/routing shows: a table, and the revision to name in the next change. */
    public record StoreView(RoutingTable table, long revision) {
    }

    /** The newest audit entries first. */
    public List<RoutingAuditEntry> recentAudit(int limit) {
        try {
            List<RoutingAuditEntry> entries = store.recentAudit(Math.min(limit, config.auditLimit()));
            markUp();
            return entries;
        } catch (RoutingStoreException e) {
            markFailed(e);
            throw e;
        }
    }

    private void markUp() {
        Instant now = clock.instant();
        StoreStatus before = status.getAndUpdate(s -> new StoreStatus(s.kind(), StoreState.UP, Optional.empty(),
                s.state() == StoreState.UP ? s.since() : now, Optional.of(now)));
        if (before.state() != StoreState.UP) {
            LOG.infof("routing store %s is back (was %s since %s); applying %s", store.kind(), before.state(),
                    before.since(), current.get().summary());
        }
    }

    private void markFailed(RoutingStoreException e) {
        if (e.state() == StoreState.DOWN) {
            resubscribe.set(true);
        }
        Instant now = clock.instant();
        StoreStatus before = status.getAndUpdate(s -> new StoreStatus(s.kind(), e.state(),
                Optional.of(e.getMessage()), s.state() == e.state() ? s.since() : now, s.lastSuccessAt()));
        if (before.state() != e.state()) {
            LOG.warnf("routing store %s is %s: %s; still serving %s", store.kind(), e.state(), e.getMessage(),
                    current.get().summary());
        }
    }
}
