package io.scoregate.gate.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregationOrderTest {

    @TempDir
    Path dir;

    @Test
    void shuffledLinesGiveTheSameAnalysisAsOrderedOnes() throws Exception {
        Path ordered = IncidentLogGenerator.write(dir.resolve("ordered.jsonl"), Scenarios.versionRollout(), 5_000, 11);
        List<String> lines = new ArrayList<>(Files.readAllLines(ordered));
        Collections.shuffle(lines, new Random(3));
        Path shuffled = Files.write(dir.resolve("shuffled.jsonl"), lines);

        var analyzer = new IncidentAnalyzer(AnalysisThresholds.DEFAULTS);
        IncidentAnalysis a = analyzer.analyze(List.of(ordered));
        IncidentAnalysis b = analyzer.analyze(List.of(shuffled));

        assertThat(b.slotWidth()).isEqualTo(a.slotWidth());
        assertThat(b.startedAt()).isEqualTo(a.startedAt());
        assertThat(b.suspects()).extracting(Suspect::label).isEqualTo(a.suspects().stream().map(Suspect::label).toList());
        assertThat(b.suspects().get(0).score()).isCloseTo(a.suspects().get(0).score(), within(1e-9));
        assertThat(b.after()).usingRecursiveComparison().withComparatorForType(
                (x, y) -> Math.abs(x - y) < 1e-6 ? 0 : Double.compare(x, y), Double.class).isEqualTo(a.after());
    }

    @Test
    void slotWidthAdaptsToTheSpanAndStaysBounded() throws Exception {
        // 5 000 requests 100 ms apart span ~8.3 minutes: 2 s slots fit 256 slots, 1 s slots do not
        Path log = IncidentLogGenerator.write(dir.resolve("a.jsonl"), Scenarios.healthy(), 5_000, 12);
        IncidentAnalysis a = new IncidentAnalyzer(AnalysisThresholds.DEFAULTS).analyze(List.of(log));
        assertThat(a.slotWidth().toMillis()).isEqualTo(2_000);
        assertThat(a.chart()).hasSizeLessThanOrEqualTo(Timeline.SLOTS);
    }

    @Test
    void latencyBinsAreHalfOctaves() {
        assertThat(LatencyBins.index(0.1)).isZero();
        assertThat(LatencyBins.index(0.25)).isEqualTo(0);
        assertThat(LatencyBins.index(0.36)).isEqualTo(1); // >= 0.25 * sqrt 2
        assertThat(LatencyBins.index(0.5)).isEqualTo(2);
        assertThat(LatencyBins.index(120)).isEqualTo(17); // 2 * log2(480) = 17.8
        assertThat(LatencyBins.lowerEdge(17)).isLessThanOrEqualTo(120).isGreaterThan(120 / Math.sqrt(2));
        assertThat(LatencyBins.index(1e12)).isEqualTo(LatencyBins.COUNT - 1);
    }

    @Test
    void manyFieldsAndHighCardinalityFieldsStayBoundedAndAreNamed() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            StringBuilder extra = new StringBuilder();
            for (int f = 0; f < 15; f++) {
                extra.append(",\"f").append(f).append("\":\"x").append(i % 3).append('"');
            }
            lines.add("{\"timestamp\":\"2026-11-27T18:00:" + String.format("%02d", i / 60) + "." + String.format("%03d", i % 60)
                    + "Z\",\"modelVersion\":\"v1.2\",\"latencyMs\":" + (i >= 1500 && i % 3 == 0 ? 900 : 100)
                    + ",\"status\":\"OK\",\"callId\":\"t" + i + "\"" + extra + "}");
        }
        Path log = Files.write(dir.resolve("wide.jsonl"), lines);
        IncidentAnalysis a = new IncidentAnalyzer(AnalysisThresholds.DEFAULTS).analyze(List.of(log));

        assertThat(a.notes()).anySatisfy(n -> assertThat(n).startsWith("Only the first 12 fields are analysed"));
        assertThat(a.notes()).anySatisfy(n -> assertThat(n).startsWith("callId has more than 200 values"));
        // the planted slice (x0 of every f-field, same rows) is found in an analysed field
        assertThat(a.primary()).map(Suspect::value).contains("x0");
    }
}
