package io.scoregate.gate.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Writes that got no answer: applied or lost, a retry from a fresh read makes the table right exactly once. */
class TableWriterTest {

    private static final List<URI> TARGETS = List.of(URI.create("http://a:8080"), URI.create("http://b:8080"));

    /** One shared table; the next write's fate is scripted: applied and answered, applied unanswered, lost, refused. */
    private static final class ScriptedStore implements RoutingAdmin {
        enum Fate { ANSWERED, APPLIED_NO_ANSWER, LOST_NO_ANSWER, REFUSED }

        long revision = 1;
        Map<String, Integer> weights = Map.of("v1.2", 90, "v1.3", 10);
        final List<Fate> fates = new ArrayList<>();
        final List<URI> writtenThrough = new ArrayList<>();
        int applied;

        @Override
        public RoutingView read(URI target) {
            return new RoutingView(target, revision, "v1.2", Optional.of("v1.3"), weights, revision, "i", "x", "r");
        }

        @Override
        public RoutingView write(URI target, RoutingChangeRequest change) throws AdminException {
            writtenThrough.add(target);
            Fate fate = fates.isEmpty() ? Fate.ANSWERED : fates.remove(0);
            if (fate == Fate.REFUSED) {
                throw new AdminException(target + " answered 403", 403);
            }
            if (change.expectedRevision() != revision) {
                throw new AdminException(target + " answered 409", 409);
            }
            if (fate != Fate.LOST_NO_ANSWER) {
                revision++;
                weights = change.weights();
                applied++;
            }
            if (fate != Fate.ANSWERED) {
                throw new AdminException(target + ": no complete answer within 5 s", 0);
            }
            return read(target);
        }

        @Override
        public LatencyHistogramSnapshot scrape(URI target) {
            throw new UnsupportedOperationException();
        }
    }

    /** A rollback's change: nothing to write once the candidate is at 0%. */
    private static Optional<RoutingChangeRequest> rollBack(RoutingView current) {
        return current.weights().getOrDefault("v1.3", 0) == 0 ? Optional.empty()
                : Optional.of(new RoutingChangeRequest("v1.2", Optional.of("v1.3"), Map.of("v1.2", 100, "v1.3", 0),
                current.revision(), "rollback"));
    }

    @Test
    void shouldSeeAnUnansweredWriteThatWasAppliedAndNotWriteAgain() throws Exception {
        var store = new ScriptedStore();
        store.fates.add(ScriptedStore.Fate.APPLIED_NO_ANSWER);

        RoutingView after = new TableWriter(store).change(TARGETS, TableWriterTest::rollBack);

        assertThat(after.weights()).containsEntry("v1.3", 0);
        assertThat(store.applied).isEqualTo(1);
        assertThat(store.writtenThrough).hasSize(1);
    }

    @Test
    void shouldMakeALostWriteAgainThroughTheNextTarget() throws Exception {
        var store = new ScriptedStore();
        store.fates.add(ScriptedStore.Fate.LOST_NO_ANSWER);

        RoutingView after = new TableWriter(store).change(TARGETS, TableWriterTest::rollBack);

        assertThat(after.weights()).containsEntry("v1.3", 0);
        assertThat(store.applied).isEqualTo(1);
        assertThat(store.writtenThrough).containsExactly(TARGETS.get(0), TARGETS.get(1));
    }

    @Test
    void shouldNotRetryARefusal() {
        var store = new ScriptedStore();
        store.fates.add(ScriptedStore.Fate.REFUSED);

        assertThatThrownBy(() -> new TableWriter(store).change(TARGETS, TableWriterTest::rollBack))
                .isInstanceOf(RoutingAdmin.AdminException.class).hasMessageContaining("403");
        assertThat(store.writtenThrough).hasSize(1);
    }

    @Test
    void shouldGiveUpAfterItsAttemptsWhenNoWriteIsEverAnswered() {
        var store = new ScriptedStore();
        for (int i = 0; i < TableWriter.ATTEMPTS; i++) {
            store.fates.add(ScriptedStore.Fate.LOST_NO_ANSWER);
        }

        assertThatThrownBy(() -> new TableWriter(store).change(TARGETS, TableWriterTest::rollBack))
                .isInstanceOf(RoutingAdmin.AdminException.class).hasMessageContaining("no complete answer");
        assertThat(store.writtenThrough).hasSize(TableWriter.ATTEMPTS);
        assertThat(store.applied).isZero();
    }
}
