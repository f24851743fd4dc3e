package io.scoregate.service.routing;

import static io.scoregate.service.routing.FileRoutingStoreCorruptionTest.audit;
import static io.scoregate.service.routing.FileRoutingStoreCorruptionTest.canary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 10: a writer killed between the steps of a write. The seam stops the write after a step
 * and copies the directory as it is at that instant (what kill -9 would leave: no finally block runs), then
 * a store started on the copy must hold no phantom audit line, no temporary file, and a complete audit.
 */
class FileRoutingStoreCrashTest {

    private static final Instant T0 = Instant.parse("2026-11-27T18:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path live;

    @TempDir
    Path afterCrash;

    private static final class Killed extends RuntimeException {
    }

    /** Writes revisions 1 and 2, then attempts revision 3 and "dies" right after {@code step}. */
    private void crashWritingRevision3After(FileRoutingStore.WriteStep step) {
        FileRoutingStore store = new FileRoutingStore(live, CLOCK, reached -> {
            if (reached == step) {
                copyDirectory(live, afterCrash);
                throw new Killed();
            }
        });
        RoutingTable first = RoutingTable.initial("v1.2", T0);
        RoutingTable second = canary(2, 5);
        new FileRoutingStore(live, CLOCK).compareAndSet(RoutingStore.NO_TABLE, first, audit(Optional.empty(), first));
        new FileRoutingStore(live, CLOCK).compareAndSet(1, second, audit(Optional.of(first), second));
        RoutingTable third = canary(3, 25);
        assertThatThrownBy(() -> store.compareAndSet(2, third, audit(Optional.of(second), third)))
                .isInstanceOf(Killed.class);
    }

    @Test
    void shouldLeaveNoTraceOfAWriteKilledBeforeTheRename() throws Exception {
        crashWritingRevision3After(FileRoutingStore.WriteStep.TEMP_WRITTEN);
        assertThat(fileNames(afterCrash)).as("what the crash left").anyMatch(n -> n.endsWith(".json.tmp"));

        FileRoutingStore restarted = new FileRoutingStore(afterCrash, CLOCK);
        restarted.recover();

        assertThat(fileNames(afterCrash)).noneMatch(n -> n.endsWith(".tmp"));
        assertThat(restarted.read().map(RoutingTable::revision)).contains(2L);
        assertThat(restarted.recentAudit(10)).extracting(e -> e.to().revision()).containsExactly(2L, 1L);
    }

    @Test
    void shouldRecoverTheAuditLineOfAChangeThatTookEffectWithoutOne() throws Exception {
        crashWritingRevision3After(FileRoutingStore.WriteStep.TABLE_REPLACED);
        FileRoutingStore restarted = new FileRoutingStore(afterCrash, CLOCK);
        assertThat(restarted.recentAudit(10)).as("what the crash left").hasSize(2);

        restarted.recover();

        assertThat(restarted.read().map(RoutingTable::revision)).contains(3L);
        List<RoutingAuditEntry> entries = restarted.recentAudit(10);
        assertThat(entries).extracting(e -> e.to().revision()).containsExactly(3L, 2L, 1L);
        assertThat(entries.get(0).reason()).startsWith("canary 25%").contains("audit line recovered");
        assertThat(entries.get(0).from().map(RoutingTable::revision)).contains(2L);
        restarted.recover();
        assertThat(restarted.recentAudit(10)).as("recovery is idempotent").hasSize(3);
    }

    @Test
    void shouldNeedNoRecoveryAfterTheAuditLine() throws Exception {
        crashWritingRevision3After(FileRoutingStore.WriteStep.AUDIT_APPENDED);
        FileRoutingStore restarted = new FileRoutingStore(afterCrash, CLOCK);
        restarted.recover();
        assertThat(restarted.recentAudit(10)).extracting(e -> e.to().revision()).containsExactly(3L, 2L, 1L);
        assertThat(restarted.recentAudit(1).get(0).reason()).isEqualTo("canary 25%");
    }

    @Test
    void shouldSetAsidePhantomLinesAndTempFilesThatTheOldWriteOrderLeft() throws Exception {
        // What a kill -9 left with the previous write order (temp file, audit line, then rename): the table at
        // revision 2, an audit line for revision 3 that never took effect, and the temporary file.
        RoutingTable first = RoutingTable.initial("v1.2", T0);
        RoutingTable second = canary(2, 5);
        RoutingTable phantom = canary(3, 50);
        Files.writeString(live.resolve("routing.json"), RoutingJson.write(second));
        Files.writeString(live.resolve("routing-audit.jsonl"), RoutingJson.write(audit(Optional.empty(), first)) + "\n"
                + RoutingJson.write(audit(Optional.of(first), second)) + "\n"
                + RoutingJson.write(audit(Optional.of(second), phantom)) + "\n");
        Files.writeString(live.resolve("routing1234567890.json.tmp"), RoutingJson.write(phantom));

        FileRoutingStore restarted = new FileRoutingStore(live, CLOCK);
        restarted.recover();

        assertThat(restarted.recentAudit(10)).extracting(e -> e.to().revision()).containsExactly(2L, 1L);
        assertThat(Files.readString(live.resolve("routing-audit.jsonl.phantom"))).contains("canary 50%");
        assertThat(fileNames(live)).noneMatch(n -> n.endsWith(".tmp"));
        // and the next change gets revision 3 and its own, single, audit line
        RoutingTable next = canary(3, 10);
        assertThat(restarted.compareAndSet(2, next, audit(Optional.of(second), next)).applied()).isTrue();
        assertThat(restarted.recentAudit(10)).extracting(RoutingAuditEntry::reason)
                .containsExactly("canary 10%", "canary 5%", first.reason());
    }

    @Test
    void shouldFindAPhantomAtTheEndOfALongAuditByItsTail() throws Exception {
        // 2000 entries (over three times the 256 KiB tail recovery reads), the table at 2000, a phantom after them
        StringBuilder history = new StringBuilder();
        RoutingTable previous = RoutingTable.initial("v1.2", T0);
        history.append(RoutingJson.write(audit(Optional.empty(), previous))).append('\n');
        for (long rev = 2; rev <= 2000; rev++) {
            RoutingTable next = canary(rev, (int) (rev % 100));
            history.append(RoutingJson.write(audit(Optional.of(previous), next))).append('\n');
            previous = next;
        }
        history.append(RoutingJson.write(audit(Optional.of(previous), canary(2001, 50)))).append('\n');
        Files.writeString(live.resolve("routing-audit.jsonl"), history);
        Files.writeString(live.resolve("routing.json"), RoutingJson.write(previous));
        assertThat(Files.size(live.resolve("routing-audit.jsonl"))).isGreaterThan(2 * 256 * 1024);

        FileRoutingStore restarted = new FileRoutingStore(live, CLOCK);
        restarted.recover();

        assertThat(restarted.recentAudit(5000)).hasSize(2000).first()
                .satisfies(e -> assertThat(e.to().revision()).isEqualTo(2000));
        assertThat(Files.readString(live.resolve("routing-audit.jsonl.phantom")).lines().count()).isEqualTo(1);
    }

    @Test
    void shouldNotGlueTheNextAuditLineOntoATornOne() throws Exception {
        RoutingTable first = RoutingTable.initial("v1.2", T0);
        FileRoutingStore store = new FileRoutingStore(live, CLOCK);
        store.compareAndSet(RoutingStore.NO_TABLE, first, audit(Optional.empty(), first));
        // a crash in the middle of appending the line of revision 2 (the table itself was replaced)
        RoutingTable second = canary(2, 5);
        Files.writeString(live.resolve("routing.json"), RoutingJson.write(second));
        String line = RoutingJson.write(audit(Optional.of(first), second));
        Files.writeString(live.resolve("routing-audit.jsonl"), line.substring(0, line.length() / 2),
                StandardOpenOption.APPEND);

        RoutingTable third = canary(3, 25);
        assertThat(new FileRoutingStore(live, CLOCK).compareAndSet(2, third, audit(Optional.of(second), third))
                .applied()).isTrue();

        assertThat(store.recentAudit(10)).extracting(e -> e.to().revision()).containsExactly(3L, 2L, 1L);
        assertThat(Files.readString(live.resolve("routing-audit.jsonl"), StandardCharsets.UTF_8).lines()
                .allMatch(l -> l.startsWith("{\"at\":") && l.endsWith("}"))).isTrue();
    }

    @Test
    void shouldCleanTempFilesOnEveryWriteNotOnlyAtStartUp() throws Exception {
        RoutingTable first = RoutingTable.initial("v1.2", T0);
        FileRoutingStore store = new FileRoutingStore(live, CLOCK);
        store.compareAndSet(RoutingStore.NO_TABLE, first, audit(Optional.empty(), first));
        Files.writeString(live.resolve("routing42.json.tmp"), "{\"revision\":"); // another instance died mid-write
        RoutingTable second = canary(2, 5);
        store.compareAndSet(1, second, audit(Optional.of(first), second));
        assertThat(fileNames(live)).containsExactlyInAnyOrder("routing.json", "routing-audit.jsonl", "routing.lock");
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static void copyDirectory(Path from, Path to) {
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
