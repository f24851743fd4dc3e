package io.scoregate.gate.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads request bodies for {@code --requests FILE}: JSON Lines, one flat JSON object per line, each with
 * a string {@code lenderId} (the access log needs it). Blank lines are skipped. Everything else about the
 * body is the service's business: a file may deliberately hold requests the service rejects.
 *
 * <p>Unlike the access-log reader, a bad line here stops the read: these are inputs someone wrote for
 * the run, and silently sending fewer kinds of request than they meant would bias the comparison.
 */
public final class JsonLinesRequestFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLinesRequestFile() {
    }

    public static List<RequestBody> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidRequestFileException("Request file " + file + " does not exist or is not a file.");
        }
        List<RequestBody> bodies = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (!line.isBlank()) {
                    bodies.add(parse(file, lineNumber, line));
                }
            }
        }
        if (bodies.isEmpty()) {
            throw new InvalidRequestFileException("Request file " + file + " holds no requests.");
        }
        return List.copyOf(bodies);
    }

    /** A corpus that cycles through the file's bodies in order. */
    public static RequestCorpus corpus(Path file) throws IOException {
        List<RequestBody> bodies = read(file);
        return new RequestCorpus() {
            private int next;

            @Override
            public RequestBody next() {
                RequestBody body = bodies.get(next);
                next = (next + 1) % bodies.size();
                return body;
            }
        };
    }

    private static RequestBody parse(Path file, int lineNumber, String line) throws InvalidRequestFileException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw bad(file, lineNumber, "is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw bad(file, lineNumber, "is not a JSON object");
        }
        JsonNode lender = node.get("lenderId");
        if (lender == null || !lender.isTextual() || lender.asText().isBlank()) {
            throw bad(file, lineNumber, "has no string `lenderId`");
        }
        return new RequestBody(lender.asText(), node.toString());
    }

    private static InvalidRequestFileException bad(Path file, int lineNumber, String what) {
        return new InvalidRequestFileException("Line " + lineNumber + " of request file " + file + " " + what + ".");
    }
}
