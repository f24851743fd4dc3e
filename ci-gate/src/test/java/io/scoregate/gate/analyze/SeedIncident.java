package io.scoregate.gate.analyze;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The eight requests of the seed incident write-up (/work/shared/seed/incident-writeup.md) as access-log
 * lines: 18:05:00 v1.2 120 ms OK, 18:06:00 v1.3 750 ms TIMEOUT, 18:06:30 v1.2 90 ms OK, 18:07:15 v1.3
 * 890 ms TIMEOUT, and four more so that v1.2 has 3 OK requests at 90-120 ms and v1.3 has 5 requests at
 * 680-890 ms of which 4 timed out, each version on both endpoints.
 */
final class SeedIncident {

    static final List<String> LINES = List.of(
            line("18:05:00", "r1", "KE-L1", "/risk-score", "v1.2", "120", "OK", 200),
            line("18:06:00", "r2", "KE-L2", "/funding-approve", "v1.3", "750", "TIMEOUT", 504),
            line("18:06:30", "r3", "KE-L3", "/funding-approve", "v1.2", "90", "OK", 200),
            line("18:07:15", "r4", "KE-L1", "/risk-score", "v1.3", "890", "TIMEOUT", 504),
            line("18:07:45", "r5", "KE-L3", "/funding-approve", "v1.3", "680", "OK", 200),
            line("18:08:20", "r6", "KE-L2", "/risk-score", "v1.2", "110", "OK", 200),
            line("18:09:00", "r7", "KE-L3", "/risk-score", "v1.3", "820", "TIMEOUT", 504),
            line("18:09:40", "r8", "KE-L1", "/funding-approve", "v1.3", "790", "TIMEOUT", 504));

    private SeedIncident() {
    }

    static Path write(Path dir) throws IOException {
        Path file = dir.resolve("seed-access.jsonl");
        Files.write(file, LINES);
        return file;
    }

    private static String line(String time, String id, String lender, String endpoint, String version,
                               String latency, String status, int http) {
        return "{\"timestamp\":\"2026-11-27T" + time + ".000Z\",\"requestId\":\"" + id + "\",\"lenderId\":\""
                + lender + "\",\"endpoint\":\"" + endpoint + "\",\"modelVersion\":\"" + version
                + "\",\"latencyMs\":" + latency + ",\"status\":\"" + status + "\",\"httpStatus\":" + http + "}";
    }
}
