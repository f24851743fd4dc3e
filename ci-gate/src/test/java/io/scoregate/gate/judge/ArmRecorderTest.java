package io.scoregate.gate.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.scoregate.gate.accesslog.AccessLogRecord;
import io.scoregate.contract.Outcome;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArmRecorderTest {

    private static AccessLogRecord record(String id, String version, double ms, Map<String, String> extra) {
        return new AccessLogRecord(Instant.EPOCH, id, "lender-ke-01", "/risk-score", version, ms, Outcome.OK, 200,
                extra);
    }

    @Test
    void sortsTwoVersionsByModelVersionAndCountsTheRest() {
        var recorder = new ArmRecorder("v1.2", "v1.3");
        recorder.accept(record("a", "v1.2", 10, Map.of()));
        recorder.accept(record("b", "v1.3", 20, Map.of(AccessLogRecord.ARM_FIELD, "baseline")));
        recorder.accept(record("c", "v1.4", 30, Map.of()));

        assertThat(recorder.baseline().ok()).isEqualTo(1);
        assertThat(recorder.candidate().ok()).isEqualTo(1);
        assertThat(recorder.otherVersions()).isEqualTo(1);
    }

    @Test
    void anAaRunKeepsTheArmsCompareRecorded() {
        var recorder = new ArmRecorder("v1.2", "v1.2");
        for (int i = 0; i < 30; i++) {
            recorder.accept(record("r" + i, "v1.2", i, Map.of(AccessLogRecord.ARM_FIELD, i < 10 ? "baseline" : "candidate")));
        }

        assertThat(recorder.baseline().ok()).isEqualTo(10);
        assertThat(recorder.candidate().ok()).isEqualTo(20);
    }

    @Test
    void anAaRunWithoutArmLabelsIsSplitFairlyAndReproducibly() {
        var first = new ArmRecorder("v1.2", "v1.2");
        var second = new ArmRecorder("v1.2", "v1.2");
        for (int i = 0; i < 10_000; i++) {
            first.accept(record("req-" + i, "v1.2", i, Map.of()));
            second.accept(record("req-" + i, "v1.2", i, Map.of()));
        }

        // disjoint arms that together hold every record, near 50/50 (binomial sd 50: 4 sd is 200)
        assertThat(first.baseline().ok() + first.candidate().ok()).isEqualTo(10_000);
        assertThat(first.baseline().ok()).isBetween(4_800L, 5_200L);
        assertThat(second.baseline().ok()).isEqualTo(first.baseline().ok());
    }
}
