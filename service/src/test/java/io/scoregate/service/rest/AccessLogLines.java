package io.scoregate.service.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads the service's access log (target/test-data/access.jsonl in the test profile). Lines are written
 * asynchronously, so the lookup waits up to 5 s for the line to appear.
 */
public final class AccessLogLines {

    static final Path FILE = Path.of("target/test-data/access.jsonl");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AccessLogLines() {
    }

    /** The raw line of a request, by its X-Request-Id. */
    public static String lineOf(String requestId) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<String> line = find(requestId);
            if (line.isPresent()) {
                return line.get();
            }
            Thread.sleep(20); // waiting for the writer thread's next batch, not simulating work
        }
        throw new AssertionError("no access-log line for request " + requestId + " in " + FILE.toAbsolutePath());
    }

    public static JsonNode parsedLineOf(String requestId) throws Exception {
        return JSON.readTree(lineOf(requestId));
    }

    private static Optional<String> find(String requestId) throws IOException {
        if (!Files.exists(FILE)) {
            return Optional.empty();
        }
        String needle = "\"requestId\":\"" + requestId + "\"";
        List<String> lines = Files.readAllLines(FILE);
        return lines.stream().filter(l -> l.contains(needle)).findFirst();
    }
}
