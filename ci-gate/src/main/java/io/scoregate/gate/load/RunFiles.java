package io.scoregate.gate.load;

import io.scoregate.gate.accesslog.AccessLogRecord;
import io.scoregate.gate.accesslog.AccessLogWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The three files a run leaves beside {@code plan.accessLog()}: the measured requests in the service's
 * access-log format (so {@code judge} recomputes the same verdict offline), the warm-up requests in
 * {@code <stem>.warmup.jsonl} (every request made is on disk without polluting the evidence), and the schedule
 * summary in {@code <stem>.schedule.json} ({@link ScheduleReportWriter}).
 */
public final class RunFiles {

    private RunFiles() {
    }

    /** Where the warm-up requests of a run whose measured requests go to {@code accessLog} are written. */
    public static Path warmupLogOf(Path accessLog) {
        return sibling(accessLog, ".warmup.jsonl");
    }

    /** Where the schedule summary of that run is written. */
    public static Path scheduleOf(Path accessLog) {
        return sibling(accessLog, ".schedule.json");
    }

    static void write(Path accessLog, List<AccessLogRecord> warmup, LoadRun run) throws IOException {
        writeLog(accessLog, run.result().records());
        if (!warmup.isEmpty()) {
            writeLog(warmupLogOf(accessLog), warmup);
        }
        ScheduleReportWriter.write(scheduleOf(accessLog), run);
    }

    private static Path sibling(Path accessLog, String suffix) {
        String name = accessLog.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return accessLog.resolveSibling(stem + suffix);
    }

    /** Writes {@code records} to {@code file} in the access-log format, creating its directory. */
    public static void writeLog(Path file, List<AccessLogRecord> records) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (AccessLogWriter writer = AccessLogWriter.create(file)) {
            for (AccessLogRecord r : records) {
                writer.write(r);
            }
        }
    }
}
