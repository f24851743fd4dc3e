package io.scoregate.gate.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code <access-log stem>.schedule.json} beside a run's access log ({@link RunFiles#scheduleOf}): how well the generator kept its
 * schedule, and what it counted that the access log cannot show (warm-up, transport failures, version
 * mismatches). bench/compare-rate.sh reads it to find the highest rate {@code compare} holds.
 */
public final class ScheduleReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScheduleReportWriter() {
    }

    public static void write(Path file, LoadRun run) throws IOException {
        ScheduleAdherence s = run.schedule();
        ObjectNode node = JSON.createObjectNode();
        node.put("plannedRatePerSecond", s.plannedRatePerSecond());
        node.put("achievedRatePerSecond", Math.round(s.achievedRatePerSecond() * 100.0) / 100.0);
        node.put("heldWithin1Percent", s.heldWithin(0.01));
        node.put("p99LagMs", s.p99Lag().toNanos() / 1e6);
        node.put("maxLagMs", s.maxLag().toNanos() / 1e6);
        node.put("measuredRequests", run.result().records().size());
        node.put("plannedRequests", run.result().plannedRequests());
        node.put("warmupRequests", run.result().warmupRequests());
        node.put("transportFailures", run.result().transportFailures());
        node.put("versionMismatches", run.versionMismatches());
        node.put("elapsedMs", run.result().elapsed().toMillis());
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
    }
}
