package io.scoregate.gate.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.scoregate.contract.Outcome;
import io.scoregate.gate.accesslog.AccessLogRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The counts reach the cells through {@link ComboCounts}, grouped by combination of values and emptied when the
 * slot, the dimension count or its capacity changes. Every cell (all requests, each value, each pair of values)
 * must still hold exactly the counts of the requests it contains, which this test recounts request by request
 * on a log built to empty it every way: more combinations in one slot than it holds, a dimension that appears
 * halfway, lines out of order that move the timeline, and client mistakes that are left out.
 */
class ComboCountsTest {

    private static final String[] LENDERS = new String[150];
    private static final String[] ENDPOINTS = {"/a", "/b", "/c", "/d", "/e", "/f", "/g", "/h"};
    private static final String[] VERSIONS = {"v1.2", "v1.3", "v1.4"};
    private static final String[] REGIONS = {"r1", "r2", "r3", "r4", "r5"};
    private static final Outcome[] OUTCOMES = {Outcome.OK, Outcome.OK, Outcome.OK, Outcome.OK, Outcome.OK,
            Outcome.OK, Outcome.OK, Outcome.TIMEOUT, Outcome.ERROR, Outcome.REJECTED};

    static {
        for (int i = 0; i < LENDERS.length; i++) {
            LENDERS[i] = "L" + i;
        }
    }

    @Test
    void aCombinationCountsItsRequestsFailuresErrorsAndBins() {
        var counts = new ComboCounts();
        int[] a = {1, 2};
        int[] b = {2, 1};
        counts.count(7, 2, a, 3, 0, 0);
        counts.count(7, 2, b, 5, 1, 1);
        counts.count(7, 2, a, 3, 0, 0);
        counts.count(7, 2, a, 9, 1, 0);
        assertThat(counts.size()).isEqualTo(2);
        assertThat(counts.valueId(0, 0)).isEqualTo(1);
        assertThat(counts.valueId(1, 0)).isEqualTo(2);
        var s = new SlotStats();
        counts.addTo(0, s);
        assertThat(s.n).isEqualTo(3);
        assertThat(s.failed).isEqualTo(1);
        assertThat(s.errors).isZero();
        assertThat(s.okBins[3]).isEqualTo(2);
        assertThat(s.okBins[9]).isZero(); // a failed request has no latency bin
        assertThat(counts.accepts(7, 2)).isTrue();
        assertThat(counts.accepts(8, 2)).as("another slot").isFalse();
        assertThat(counts.accepts(7, 3)).as("another dimension count").isFalse();
        counts.clear();
        assertThat(counts.size()).isZero();
        assertThat(counts.accepts(8, 3)).isTrue();
        counts.count(8, 3, new int[] {1, 2, 0}, 4, 0, 0);
        var t = new SlotStats();
        counts.addTo(0, t);
        assertThat(t.n).isEqualTo(1);
        assertThat(t.okBins[4]).isEqualTo(1);
        assertThat(t.okBins[3]).as("emptied by clear").isZero();
    }

    @Test
    void holdsEveryValueIdOfEveryDimension() {
        // value ids are packed eight bits each, twelve dimensions in two words
        assertThat(IncidentAggregator.MAX_VALUES).isLessThanOrEqualTo(256);
        assertThat(IncidentAggregator.MAX_DIMENSIONS).isLessThanOrEqualTo(16);
        var counts = new ComboCounts();
        int d = IncidentAggregator.MAX_DIMENSIONS;
        int[] top = new int[d];
        int[] other = new int[d];
        Arrays.fill(top, IncidentAggregator.MAX_VALUES - 1);
        Arrays.fill(other, IncidentAggregator.MAX_VALUES - 1);
        other[d - 1] = 0; // differs only in the last dimension
        counts.count(0, d, top, 0, 0, 0);
        counts.count(0, d, other, 0, 0, 0);
        counts.count(0, d, top, 0, 0, 0);
        assertThat(counts.size()).isEqualTo(2);
        for (int i = 0; i < d; i++) {
            assertThat(counts.valueId(0, i)).isEqualTo(top[i]);
            assertThat(counts.valueId(1, i)).isEqualTo(other[i]);
        }
    }

    @Test
    void isFullAtItsCapacity() {
        var counts = new ComboCounts();
        for (int c = 0; c < ComboCounts.CAPACITY; c++) {
            assertThat(counts.accepts(0, 1)).isTrue();
            counts.count(0, 1, new int[] {c}, 0, 0, 0);
        }
        assertThat(counts.accepts(0, 1)).isFalse();
    }

    @Test
    void everyCellHoldsExactlyTheCountsOfItsRequests() {
        var rnd = new SplittableRandom(5);
        List<AccessLogRecord> records = new ArrayList<>();
        long start = Instant.parse("2026-11-27T18:00:00Z").toEpochMilli();
        for (int i = 0; i < 30_000; i++) {
            // ~50 ms apart, a few lines far out of order (the timeline widens and folds its slots)
            long t = start + i * 50L + rnd.nextInt(200) - (rnd.nextInt(500) == 0 ? rnd.nextInt(3_600_000) : 0);
            Map<String, String> extra = i < 12_000 ? Map.of() : Map.of("region", REGIONS[rnd.nextInt(REGIONS.length)]);
            Outcome status = OUTCOMES[rnd.nextInt(OUTCOMES.length)];
            records.add(new AccessLogRecord(Instant.ofEpochMilli(t), "r" + i, LENDERS[rnd.nextInt(LENDERS.length)],
                    ENDPOINTS[rnd.nextInt(ENDPOINTS.length)], VERSIONS[rnd.nextInt(VERSIONS.length)],
                    Math.exp(4 + rnd.nextGaussian()), status, 200, extra));
        }
        var agg = new IncidentAggregator();
        records.forEach(agg::add);

        // the recount: request by request, into the slots of the final timeline
        Timeline timeline = agg.timeline();
        List<String> dims = agg.dimensions();
        assertThat(dims).containsExactly("modelVersion", "endpoint", "lenderId", "region");
        Map<String, long[]> expected = new HashMap<>();
        long rejected = 0;
        boolean regionSeen = false;
        for (AccessLogRecord r : records) {
            regionSeen |= r.extra().containsKey("region");
            if (r.status() == Outcome.REJECTED) {
                rejected++;
                continue;
            }
            long ms = r.timestamp().toEpochMilli();
            int slot = (int) Math.floorDiv(ms - timeline.originMs(), timeline.widthMs());
            String[] values = {r.modelVersion(), r.endpoint(), r.lenderId(), r.extra().getOrDefault("region", "")};
            int d = regionSeen ? 4 : 3; // a record before the dimension existed is not in it
            List<String> cells = new ArrayList<>(List.of("all"));
            for (int i = 0; i < d; i++) {
                cells.add(i + "=" + agg.values(i).indexOf(values[i]));
                for (int j = i + 1; j < d; j++) {
                    cells.add(i + "=" + agg.values(i).indexOf(values[i]) + "," + j + "=" + agg.values(j).indexOf(values[j]));
                }
            }
            int fail = r.status() == Outcome.OK ? 0 : 1;
            int error = r.status() == Outcome.ERROR ? 1 : 0;
            for (String cell : cells) {
                long[] c = expected.computeIfAbsent(cell + "@" + slot, k -> new long[3 + LatencyBins.COUNT]);
                c[0]++;
                c[1] += fail;
                c[2] += error;
                c[3 + LatencyBins.index(r.latencyMs())] += 1 - fail;
            }
        }
        assertThat(agg.rejected()).isEqualTo(rejected);

        Map<String, long[]> actual = new HashMap<>();
        for (int slot = 0; slot < Timeline.SLOTS; slot++) {
            put(actual, "all@" + slot, agg.all().peek(slot));
            for (int i = 0; i < dims.size(); i++) {
                for (int v = 0; v < agg.values(i).size(); v++) {
                    put(actual, i + "=" + v + "@" + slot, agg.marginal(i, v).peek(slot));
                    for (int j = i + 1; j < dims.size(); j++) {
                        for (int u = 0; u < agg.values(j).size(); u++) {
                            put(actual, i + "=" + v + "," + j + "=" + u + "@" + slot, agg.pair(i, v, j, u).peek(slot));
                        }
                    }
                }
            }
        }
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (var e : expected.entrySet()) {
            assertThat(actual.get(e.getKey())).as(e.getKey()).containsExactly(e.getValue());
        }
    }

    private static void put(Map<String, long[]> into, String key, SlotStats s) {
        if (s.n == 0) {
            return;
        }
        long[] c = new long[3 + LatencyBins.COUNT];
        c[0] = s.n;
        c[1] = s.failed;
        c[2] = s.errors;
        System.arraycopy(s.okBins, 0, c, 3, LatencyBins.COUNT);
        into.put(key, Arrays.copyOf(c, c.length));
    }
}
