package io.scoregate.gate.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedIncidentAnalysisTest {

    @TempDir
    Path dir;

    @Test
    void findsV13AsTheCauseStartingAt1806AndNoCorrelationWithEndpoint() throws Exception {
        IncidentAnalysis a = new IncidentAnalyzer(AnalysisThresholds.DEFAULTS).analyze(List.of(SeedIncident.write(dir)));

        assertThat(a.startedAt()).contains(Instant.parse("2026-11-27T18:06:00Z"));
        assertThat(a.suspects()).isNotEmpty();
        Suspect first = a.suspects().get(0);
        assertThat(first.label()).isEqualTo("modelVersion=v1.3");
        assertThat(a.primary()).map(Suspect::label).contains("modelVersion=v1.3");
        assertThat(a.notCorrelated()).extracting(NotCorrelated::dimension).contains("endpoint");
        assertThat(a.suspects()).extracting(Suspect::dimension).doesNotContain("endpoint");
        // eight lines cannot be strong evidence, and the report must say so
        assertThat(a.strength()).isEqualTo(EvidenceStrength.WEAK);
        assertThat(a.strengthReason()).contains("weak evidence").contains("1 request before").contains("7 after");
        // the evidence is the write-up's: v1.3 680-890 ms with 4 of 5 timed out
        assertThat(first.insideAfter().requests()).isEqualTo(5);
        assertThat(first.insideAfter().failed()).isEqualTo(4);
        assertThat(first.insideAfter().minMs()).isEqualTo(680.0);
        assertThat(first.insideAfter().maxMs()).isEqualTo(890.0);
        assertThat(first.insideBefore().requests()).isZero();
        assertThat(a.read().records()).isEqualTo(8);
    }
}
