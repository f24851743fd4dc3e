package io.scoregate.gate.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14: two (or three) independent things go wrong in one log; each must be its own incident with its
 * own start, signal and cause, and no cause may be dismissed as "does not correlate". 24 000 requests
 * 75 ms apart from 14:00 (30 minutes; 10 s slots).
 */
class MultipleIncidentsTest {

    static final int REQUESTS = 24_000;
    static final Instant START = Instant.parse("2026-11-27T14:00:00Z");
    static final long STEP_MS = 75;
    static final Instant SLOW = Instant.parse("2026-11-27T14:08:00Z");
    static final Instant FAIL = Instant.parse("2026-11-27T14:15:00Z");
    static final Instant THIRD = Instant.parse("2026-11-27T14:22:00Z");

    @TempDir
    Path dir;

    private IncidentAnalysis analyze(IncidentLogGenerator.Scenario scenario, long seed) throws Exception {
        Path log = IncidentLogGenerator.write(dir.resolve("two-causes-" + seed + ".jsonl"), scenario, REQUESTS, seed,
                START, STEP_MS);
        return new IncidentAnalyzer(AnalysisThresholds.DEFAULTS).analyze(List.of(log));
    }

    /**
     * Within two 10 s slots: a change that lands on a slot boundary can be placed one slot late when its
     * first slot is still mostly healthy by chance, and the start is the first request of its slot.
     */
    private static void assertNear(Incident i, Instant planted, Duration slot) {
        assertThat(i.startedAt()).isPresent();
        assertThat(Duration.between(planted, i.startedAt().get()).abs()).isLessThanOrEqualTo(slot.multipliedBy(2));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {14, 114, 214})
    void aSlowVersionAndAFailingLenderAreTwoIncidentsInTimeOrder(long seed) throws Exception {
        IncidentAnalysis a = analyze(Scenarios.independentCauses(SLOW, FAIL, null), seed);

        assertThat(a.incidents()).hasSize(2);
        Incident first = a.incidents().get(0);
        Incident second = a.incidents().get(1);
        assertNear(first, SLOW, a.slotWidth());
        assertThat(first.signal()).isEqualTo(Signal.LATENCY);
        assertThat(first.primary()).map(Suspect::label).contains("modelVersion=v6.1");
        assertThat(first.strength()).isEqualTo(EvidenceStrength.STRONG);
        assertNear(second, FAIL, a.slotWidth());
        assertThat(second.signal()).isEqualTo(Signal.ERROR_RATE);
        assertThat(second.primary()).map(Suspect::label).contains("lenderId=ke-lender-04");
        assertThat(second.strength()).isEqualTo(EvidenceStrength.STRONG);
        // the version's slowness is not the lender's incident, and the lender's errors are not the version's
        assertThat(second.suspects()).extracting(Suspect::label).doesNotContain("modelVersion=v6.1");
        assertThat(first.suspects()).extracting(Suspect::label).doesNotContain("lenderId=ke-lender-04");
        assertThat(a.notCorrelated()).extracting(NotCorrelated::dimension)
                .doesNotContain("lenderId", "modelVersion").contains("endpoint", "region");
        // today's top-level fields are the first incident's
        assertThat(a.startedAt()).isEqualTo(first.startedAt());
        assertThat(a.primary()).map(Suspect::label).contains("modelVersion=v6.1");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {22, 122, 222})
    void aThirdIndependentSlowdownOnTheSameSignalIsAThirdIncident(long seed) throws Exception {
        IncidentAnalysis a = analyze(Scenarios.independentCauses(SLOW, FAIL, THIRD), seed);

        assertThat(a.incidents()).extracting(i -> i.primary().map(Suspect::label).orElse("none"))
                .containsExactly("modelVersion=v6.1", "lenderId=ke-lender-04", "region=ke-west");
        assertNear(a.incidents().get(0), SLOW, a.slotWidth());
        assertNear(a.incidents().get(1), FAIL, a.slotWidth());
        assertNear(a.incidents().get(2), THIRD, a.slotWidth());
        assertThat(a.incidents().get(2).signals()).contains(Signal.LATENCY);
        assertThat(a.notCorrelated()).extracting(NotCorrelated::dimension)
                .doesNotContain("lenderId", "modelVersion", "region").contains("endpoint");
    }
}
