package io.scoregate.service.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10, items 3 and 6: whatever routing.json holds, a reachable directory is CORRUPTED (never DOWN),
 * the repair is accepted, and it gets a revision above every revision the directory shows evidence of.
 */
class FileRoutingStoreCorruptionTest {

    private static final Instant T0 = Instant.parse("2026-11-27T18:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path dir;

    static RoutingTable canary(long revision, int candidateWeight) {
        return new RoutingTable(revision, "v1.2", Optional.of("v1.3"),
                Map.of("v1.2", 100 - candidateWeight, "v1.3", candidateWeight), T0.plusSeconds(revision), "ops",
                "canary " + candidateWeight + "%");
    }

    static RoutingAuditEntry audit(Optional<RoutingTable> from, RoutingTable to) {
        return new RoutingAuditEntry(to.updatedAt(), to.updatedBy(), "test-instance", from, to, to.reason());
    }

    /** Revisions 1..8 written through the store, as a fleet that has been rolling out for a while. */
    private RoutingTable writeHistoryUpToRevision8() {
        FileRoutingStore store = new FileRoutingStore(dir, CLOCK);
        RoutingTable previous = RoutingTable.initial("v1.2", T0);
        store.compareAndSet(RoutingStore.NO_TABLE, previous, audit(Optional.empty(), previous));
        for (long rev = 2; rev <= 8; rev++) {
            RoutingTable next = canary(rev, (int) rev * 5);
            assertThat(store.compareAndSet(rev - 1, next, audit(Optional.of(previous), next)).applied()).isTrue();
            previous = next;
        }
        return previous;
    }

    static Stream<Arguments> unreadableContents() {
        byte[] valid = RoutingJson.write(canary(8, 40)).getBytes(StandardCharsets.UTF_8);
        byte[] badByte = valid.clone();
        int inReason = new String(valid, StandardCharsets.UTF_8).indexOf("canary 40%") + 3;
        badByte[inReason] = (byte) 0xFF; // one invalid UTF-8 byte inside an otherwise valid table
        byte[] garbage = new byte[4096];
        new Random(10).nextBytes(garbage);
        byte[] oversized = new byte[FileRoutingStore.MAX_TABLE_BYTES + 10];
        Arrays.fill(oversized, (byte) ' ');
        System.arraycopy(valid, 0, oversized, 0, valid.length);
        return Stream.of(
                Arguments.of("an invalid UTF-8 byte", badByte),
                Arguments.of("a lone UTF-8 continuation byte", new byte[] {'{', (byte) 0x80, '}'}),
                Arguments.of("a truncated table", Arrays.copyOf(valid, valid.length / 2)),
                Arguments.of("an empty file", new byte[0]),
                Arguments.of("only whitespace", "  \n".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("binary garbage", garbage),
                Arguments.of("NUL bytes", new byte[64]),
                Arguments.of("JSON null", "null".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("a JSON array", "[1,2,3]".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("a JSON string", "\"v1.2\"".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("a JSON number", "42".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("an empty object", "{}".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("a table with the wrong field types",
                        "{\"revision\":\"eight\",\"stable\":[],\"weights\":7}".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("a valid table followed by garbage",
                        (new String(valid, StandardCharsets.UTF_8) + "}}").getBytes(StandardCharsets.UTF_8)),
                Arguments.of("a table padded past the size cap", oversized));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableContents")
    void shouldReportAnyUnreadableContentAsCorruptedAndAcceptTheRepair(String what, byte[] content) throws Exception {
        RoutingTable rev8 = writeHistoryUpToRevision8();
        Files.write(dir.resolve("routing.json"), content);

        // a restarted instance: a fresh store that never read a good table
        FileRoutingStore restarted = new FileRoutingStore(dir, CLOCK);
        assertThatThrownBy(restarted::read).isInstanceOfSatisfying(RoutingStoreException.class, e -> {
            assertThat(e.state()).as(what).isEqualTo(StoreState.CORRUPTED);
            StoreCorruption c = e.corruption().orElseThrow();
            assertThat(c.revisionFloor()).as("the audit shows revision 8").isEqualTo(8);
            assertThat(c.lastKnown()).contains(rev8);
        });

        StoreCorruption seen = corruptionOf(restarted);
        RoutingTable repair = new RoutingTable(9, "v1.2", Optional.of("v1.3"), Map.of("v1.2", 100, "v1.3", 0),
                T0.plusSeconds(100), "guard@x", "rollback on a corrupted store");
        assertThat(restarted.repair(seen, repair, audit(Optional.of(rev8), repair)))
                .isEqualTo(new RoutingStore.CasOutcome(true, 9));
        assertThat(restarted.read()).contains(repair);
        assertThat(new FileRoutingStore(dir, CLOCK).recentAudit(1)).extracting(e -> e.to().revision())
                .containsExactly(9L);
        assertThat(Files.readAllBytes(dir.resolve("routing.json.corrupt-" + T0.toEpochMilli()))).isEqualTo(content);
    }

    @Test
    void shouldTakeTheRevisionFloorFromTheReadablePrefixWhenTheAuditIsGone() throws Exception {
        Files.writeString(dir.resolve("routing.json"), "{\"revision\": 12, \"stable\": \"v1.2\", \"wei");
        FileRoutingStore store = new FileRoutingStore(dir, CLOCK);

        StoreCorruption seen = corruptionOf(store);
        assertThat(seen.revisionFloor()).isEqualTo(12);
        assertThat(seen.lastKnown()).isEmpty();

        // a write naming an older revision (the bootstrap table a restarted instance applies) loses
        RoutingTable stale = canary(2, 5);
        assertThat(store.compareAndSet(1, stale, audit(Optional.empty(), stale)))
                .isEqualTo(new RoutingStore.CasOutcome(false, 12));
        RoutingTable repair = canary(13, 0);
        assertThat(store.repair(seen, repair, audit(Optional.empty(), repair)).applied()).isTrue();
        assertThat(store.read()).contains(repair);
    }

    @Test
    void shouldTreatAMissingTableBesideAnAuditAsCorruptedNotAsAFreshStart() throws Exception {
        writeHistoryUpToRevision8();
        Files.delete(dir.resolve("routing.json"));
        FileRoutingStore store = new FileRoutingStore(dir, CLOCK);

        StoreCorruption seen = corruptionOf(store);
        assertThat(seen.detail()).contains("is missing");
        assertThat(seen.revisionFloor()).isEqualTo(8);
        // seeding "no table" would restart revisions at 1
        RoutingTable seed = RoutingTable.initial("v1.2", T0);
        assertThat(store.compareAndSet(RoutingStore.NO_TABLE, seed, audit(Optional.empty(), seed)).applied())
                .isFalse();
    }

    @Test
    void shouldLetOnlyOneOfTwoRepairsOfTheSameCorruptionWin() throws Exception {
        writeHistoryUpToRevision8();
        Files.write(dir.resolve("routing.json"), new byte[] {(byte) 0xC3, (byte) 0x28});
        FileRoutingStore a = new FileRoutingStore(dir, CLOCK);
        FileRoutingStore b = new FileRoutingStore(dir, CLOCK);
        StoreCorruption seenByA = corruptionOf(a);
        StoreCorruption seenByB = corruptionOf(b);

        RoutingTable fromA = canary(9, 0);
        RoutingTable fromB = canary(9, 10);
        assertThat(a.repair(seenByA, fromA, audit(Optional.empty(), fromA)).applied()).isTrue();
        assertThat(b.repair(seenByB, fromB, audit(Optional.empty(), fromB)))
                .isEqualTo(new RoutingStore.CasOutcome(false, 9));
        assertThat(b.read()).contains(fromA);
    }

    @Test
    void shouldReportADirectoryInPlaceOfTheTableAsDown() throws Exception {
        Files.createDirectory(dir.resolve("routing.json"));
        assertThatThrownBy(new FileRoutingStore(dir, CLOCK)::read).isInstanceOfSatisfying(RoutingStoreException.class,
                e -> assertThat(e.state()).isEqualTo(StoreState.DOWN));
    }

    @Test
    void shouldReportADataDirectoryThatIsNotADirectoryAsDown() throws Exception {
        Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
        FileRoutingStore store = new FileRoutingStore(notADir, CLOCK);
        assertThatThrownBy(store::read).isInstanceOfSatisfying(RoutingStoreException.class,
                e -> assertThat(e.state()).isEqualTo(StoreState.DOWN));
        RoutingTable first = RoutingTable.initial("v1.2", T0);
        assertThatThrownBy(() -> store.compareAndSet(RoutingStore.NO_TABLE, first, audit(Optional.empty(), first)))
                .isInstanceOfSatisfying(RoutingStoreException.class,
                        e -> assertThat(e.state()).isEqualTo(StoreState.DOWN));
    }

    @Test
    void shouldReadAnAuditWithAnInvalidUtf8ByteInsteadOfGoingDown() throws Exception {
        writeHistoryUpToRevision8();
        Files.write(dir.resolve("routing-audit.jsonl"), new byte[] {(byte) 0xFF, '\n'},
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(new FileRoutingStore(dir, CLOCK).recentAudit(100)).hasSize(8);
    }

    static StoreCorruption corruptionOf(RoutingStore store) {
        try {
            store.read();
        } catch (RoutingStoreException e) {
            return e.corruption().orElseThrow(() -> new AssertionError("not CORRUPTED but " + e.state(), e));
        }
        throw new AssertionError("the store read fine");
    }
}
