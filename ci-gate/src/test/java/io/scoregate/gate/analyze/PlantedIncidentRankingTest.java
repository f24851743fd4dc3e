package io.scoregate.gate.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generated logs with a known cause: the ranking must find it first, whatever dimension it is in, and must
 * not be fooled by a value that merely travels with it. 20 000 requests 100 ms apart from 17:30; the
 * change is planted halfway, at about 18:03:20.
 */
class PlantedIncidentRankingTest {

    private static final int REQUESTS = 20_000;
    private static final Instant CHANGE = Instant.parse("2026-11-27T17:30:00Z").plusMillis(REQUESTS * 100L / 2);

    @TempDir
    Path dir;

    private IncidentAnalysis analyze(IncidentLogGenerator.Scenario scenario, long seed) throws Exception {
        Path log = IncidentLogGenerator.write(dir.resolve("access-" + seed + ".jsonl"), scenario, REQUESTS, seed);
        return new IncidentAnalyzer(AnalysisThresholds.DEFAULTS).analyze(List.of(log));
    }

    private static void assertStartNearChange(IncidentAnalysis a) {
        assertThat(a.startedAt()).isPresent();
        // the change is found to within one time slot (the log spans ~33 min: 10 s slots)
        assertThat(Duration.between(CHANGE, a.startedAt().get()).abs()).isLessThanOrEqualTo(a.slotWidth());
    }

    @Test
    void versionRolloutRanksTheNewVersionFirst() throws Exception {
        IncidentAnalysis a = analyze(Scenarios.versionRollout(), 1);
        assertThat(a.suspects().get(0).label()).isEqualTo("modelVersion=v1.3");
        assertThat(a.strength()).isEqualTo(EvidenceStrength.STRONG);
        assertStartNearChange(a);
        assertThat(a.notCorrelated()).extracting(NotCorrelated::dimension).contains("endpoint", "lenderId", "region");
    }

    @Test
    void slowEndpointRanksTheEndpointFirst() throws Exception {
        IncidentAnalysis a = analyze(Scenarios.sliceSlow(r -> r.endpoint().equals("/funding-approve"), 5), 2);
        assertThat(a.suspects().get(0).label()).isEqualTo("endpoint=/funding-approve");
        assertStartNearChange(a);
        assertThat(a.notCorrelated()).extracting(NotCorrelated::dimension).contains("modelVersion", "lenderId", "region");
    }

    @Test
    void slowLenderRanksTheLenderFirst() throws Exception {
        IncidentAnalysis a = analyze(Scenarios.sliceSlow(r -> r.lender().equals("L03"), 6), 3);
        assertThat(a.suspects().get(0).label()).isEqualTo("lenderId=L03");
        assertStartNearChange(a);
        assertThat(a.notCorrelated()).extracting(NotCorrelated::dimension).contains("modelVersion", "endpoint", "region");
    }

    @Test
    void slowRegionInAnExtraFieldRanksTheRegionFirst() throws Exception {
        IncidentAnalysis a = analyze(Scenarios.sliceSlow(r -> r.region().equals("ke-west"), 4), 4);
        assertThat(a.suspects().get(0).label()).isEqualTo("region=ke-west");
        assertStartNearChange(a);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5, 15, 25})
    void versionCauseRanksAboveALenderThatTravelsWithIt(long seed) throws Exception {
        IncidentAnalysis a = analyze(Scenarios.versionCauseWithPartlySlowLender(), seed);
        assertThat(a.suspects().get(0).label()).isEqualTo("modelVersion=v1.3");
        Suspect lender = a.suspects().stream().filter(s -> s.label().equals("lenderId=L07")).findFirst().orElseThrow();
        // L07 looks bad on its own (crude) but most of that is the version
        assertThat(lender.crudeScore()).isGreaterThan(lender.score());
        assertThat(lender.score()).isLessThan(a.suspects().get(0).score() / 2);
        assertThat(lender.rank()).isGreaterThan(1);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {6, 16, 26})
    void lenderCauseRanksAboveAVersionRolledOutAtTheSameTime(long seed) throws Exception {
        IncidentAnalysis a = analyze(Scenarios.lenderCauseDuringRollout(), seed);
        assertThat(a.suspects().get(0).label()).isEqualTo("lenderId=L07");
        Suspect v = a.suspects().stream().filter(s -> s.label().equals("modelVersion=v1.3")).findFirst().orElseThrow();
        assertThat(v.crudeScore()).isGreaterThan(0.10); // it does look guilty on its own ...
        assertThat(v.explainedBy()).containsExactly("lenderId"); // ... until the lender is held fixed
        assertThat(v.score()).isZero();
        assertThat(a.primary()).map(Suspect::label).contains("lenderId=L07");
    }

    @Test
    void collinearVersionAndLenderAreReportedAsInseparable() throws Exception {
        IncidentAnalysis a = analyze(Scenarios.collinearVersionAndLender(), 7);
        assertThat(a.suspects()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(a.suspects().subList(0, 2)).extracting(Suspect::label)
                .containsExactlyInAnyOrder("modelVersion=v1.3", "lenderId=L07");
        Suspect first = a.suspects().get(0);
        String other = first.dimension().equals("modelVersion") ? "lenderId=L07" : "modelVersion=v1.3";
        assertThat(first.inseparableFrom()).containsExactly(other);
    }

    @Test
    void healthyLogHasNoPrimaryCause() throws Exception {
        IncidentAnalysis a = analyze(Scenarios.healthy(), 8);
        assertThat(a.primary()).isEmpty();
        assertThat(a.strength()).isNotEqualTo(EvidenceStrength.STRONG);
    }

    @Test
    void aHarmlessRolloutNamesNoCause() throws Exception {
        IncidentAnalysis a = analyze(Scenarios.harmlessRollout(), 9);
        assertThat(a.incidents()).isEmpty();
        assertThat(a.primary()).isEmpty();
        assertThat(a.strength()).isEqualTo(EvidenceStrength.NONE);
        assertThat(a.startedAt()).isEmpty();
    }

    @Test
    void aSlowDriftWithNoStepIsFoundAndBlamedOnItsRegion() throws Exception {
        Instant end = Instant.parse("2026-11-27T17:30:00Z").plusMillis(REQUESTS * 100L);
        IncidentAnalysis a = analyze(Scenarios.regionDrift(CHANGE, end), 10);
        // binary segmentation cuts a ramp into steps; they are one incident with one cause
        assertThat(a.incidents()).hasSize(1);
        Incident drift = a.incidents().get(0);
        assertThat(drift.primary()).map(Suspect::label).contains("region=ke-west");
        assertThat(drift.signals()).contains(Signal.LATENCY);
        // found within the first half of the 16-minute ramp, not only once it is 3x
        assertThat(drift.startedAt()).hasValueSatisfying(t -> assertThat(t).isBetween(CHANGE, CHANGE.plusSeconds(8 * 60)));
    }
}
