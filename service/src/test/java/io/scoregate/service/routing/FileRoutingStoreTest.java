package io.scoregate.service.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRoutingStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-27T18:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static RoutingTable canary(long revision, int candidateWeight) {
        return new RoutingTable(revision, "v1.2", Optional.of("v1.3"),
                Map.of("v1.2", 100 - candidateWeight, "v1.3", candidateWeight), T0.plusSeconds(revision), "ops",
                "canary " + candidateWeight + "%");
    }

    private static RoutingAuditEntry audit(Optional<RoutingTable> from, RoutingTable to) {
        return new RoutingAuditEntry(to.updatedAt(), to.updatedBy(), "test-instance", from, to, to.reason());
    }

    @Test
    void shouldBeEmptyBeforeTheFirstWrite() {
        assertThat(new FileRoutingStore(dir, CLOCK).read()).isEmpty();
        assertThat(new FileRoutingStore(dir, CLOCK).recentAudit(10)).isEmpty();
    }

    @Test
    void shouldWriteReadBackAndAuditEveryAcceptedChange() throws Exception {
        FileRoutingStore store = new FileRoutingStore(dir, CLOCK);
        RoutingTable first = RoutingTable.initial("v1.2", T0);
        assertThat(store.compareAndSet(RoutingStore.NO_TABLE, first, audit(Optional.empty(), first)).applied()).isTrue();
        RoutingTable second = canary(2, 5);
        assertThat(store.compareAndSet(1, second, audit(Optional.of(first), second)))
                .isEqualTo(new RoutingStore.CasOutcome(true, 2));

        // a second store on the same directory (another process) sees the same table
        assertThat(new FileRoutingStore(dir, CLOCK).read()).contains(second);
        assertThat(store.recentAudit(10)).extracting(e -> e.to().revision()).containsExactly(2L, 1L);
        assertThat(store.recentAudit(1).get(0).from()).contains(first);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("routing.json", "routing-audit.jsonl", "routing.lock");
        }
    }

    @Test
    void shouldRefuseAWriteBasedOnAnOutdatedRevision() {
        FileRoutingStore store = new FileRoutingStore(dir, CLOCK);
        RoutingTable first = RoutingTable.initial("v1.2", T0);
        store.compareAndSet(RoutingStore.NO_TABLE, first, audit(Optional.empty(), first));
        store.compareAndSet(1, canary(2, 5), audit(Optional.of(first), canary(2, 5)));

        RoutingStore.CasOutcome late = store.compareAndSet(1, canary(2, 25), audit(Optional.of(first), canary(2, 25)));

        assertThat(late).isEqualTo(new RoutingStore.CasOutcome(false, 2));
        assertThat(store.read()).contains(canary(2, 5));
        assertThat(store.recentAudit(10)).hasSize(2);
    }

    @Test
    void shouldReportACorruptedFileAndReplaceItOnTheNextWrite() throws Exception {
        FileRoutingStore store = new FileRoutingStore(dir, CLOCK);
        RoutingTable first = RoutingTable.initial("v1.2", T0);
        store.compareAndSet(RoutingStore.NO_TABLE, first, audit(Optional.empty(), first));
        assertThat(store.read()).contains(first);
        Files.writeString(dir.resolve("routing.json"), "{\"revision\": 3, \"stable\": \"v1.2\", \"weigh");

        assertThatThrownBy(store::read).isInstanceOf(RoutingStoreException.class)
                .hasMessageContaining("corrupted")
                .satisfies(e -> assertThat(((RoutingStoreException) e).state()).isEqualTo(StoreState.CORRUPTED));

        // the broken file still says revision 3 was written: the store's revision is 3, not the last good 1
        RoutingTable behind = canary(2, 5);
        assertThat(store.compareAndSet(1, behind, audit(Optional.of(first), behind)))
                .isEqualTo(new RoutingStore.CasOutcome(false, 3));
        RoutingTable next = canary(4, 5);
        assertThat(store.compareAndSet(3, next, audit(Optional.of(first), next)).applied()).isTrue();
        assertThat(store.read()).contains(next);
        assertThat(Files.readString(dir.resolve("routing.json.corrupt-" + T0.toEpochMilli())))
                .startsWith("{\"revision\": 3");
    }

    @Test
    void shouldTreatAValidJsonWithBrokenWeightsAsCorrupted() throws Exception {
        Files.writeString(dir.resolve("routing.json"), "{\"revision\":4,\"stable\":\"v1.2\",\"weights\":{\"v1.2\":60},"
                + "\"updatedAt\":\"2026-11-27T18:00:00Z\",\"updatedBy\":\"x\",\"reason\":\"x\"}");
        assertThatThrownBy(new FileRoutingStore(dir, CLOCK)::read).hasMessageContaining("must sum to 100");
    }

    @Test
    void shouldSkipATornAuditLineButKeepTheOthers() throws Exception {
        FileRoutingStore store = new FileRoutingStore(dir, CLOCK);
        RoutingTable first = RoutingTable.initial("v1.2", T0);
        store.compareAndSet(RoutingStore.NO_TABLE, first, audit(Optional.empty(), first));
        Files.writeString(dir.resolve("routing-audit.jsonl"), "{\"at\":\"2026-", java.nio.file.StandardOpenOption.APPEND);
        assertThat(store.recentAudit(10)).hasSize(1);
    }

    @Test
    void shouldLetExactlyOneOfManyConcurrentWritersWinEachRevision() throws Exception {
        // two stores on one directory (as two instances on a shared volume), eight threads, same expected revision
        FileRoutingStore a = new FileRoutingStore(dir, CLOCK);
        FileRoutingStore b = new FileRoutingStore(dir, CLOCK);
        RoutingTable first = RoutingTable.initial("v1.2", T0);
        a.compareAndSet(RoutingStore.NO_TABLE, first, audit(Optional.empty(), first));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (long rev = 1; rev <= 10; rev++) {
                long expected = rev;
                var start = new java.util.concurrent.CountDownLatch(1);
                var results = new java.util.ArrayList<java.util.concurrent.Future<RoutingStore.CasOutcome>>();
                for (int t = 0; t < 8; t++) {
                    FileRoutingStore store = t % 2 == 0 ? a : b;
                    int weight = t + 1;
                    results.add(pool.submit(() -> {
                        start.await();
                        RoutingTable next = canary(expected + 1, weight);
                        return store.compareAndSet(expected, next, audit(Optional.empty(), next));
                    }));
                }
                start.countDown();
                int winners = 0;
                for (var f : results) {
                    RoutingStore.CasOutcome o = f.get(10, java.util.concurrent.TimeUnit.SECONDS);
                    winners += o.applied() ? 1 : 0;
                    assertThat(o.storeRevision()).isEqualTo(expected + 1);
                }
                assertThat(winners).as("winners for revision %d", expected + 1).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(b.read().map(RoutingTable::revision)).contains(11L);
        assertThat(a.recentAudit(100)).hasSize(11);
    }
}
