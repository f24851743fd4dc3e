package io.scoregate.gate.accesslog;

import io.scoregate.contract.Outcome;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.scoregate.contract.AccessLogFields;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Streams access-log lines (JSON Lines, plain or gzip, detected by the gzip magic bytes) into a sink, one
 * record at a time, so memory does not grow with the file. A line that is not a complete, valid record is
 * counted as malformed and skipped; it never stops the read.
 */
public final class AccessLogReader {

    static final int MAX_EXAMPLES = 5;
    private static final JsonFactory JSON = new JsonFactory();

    private AccessLogReader() {
    }

    public static ReadSummary read(Path file, Consumer<AccessLogRecord> sink) throws IOException {
        try (InputStream in = open(file)) {
            return read(in, sink);
        }
    }

    /** Opens a log file for reading, transparently un-gzipping it. */
    public static InputStream open(Path file) throws IOException {
        var in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        boolean gzip = b1 == 0x1f && b2 == 0x8b;
        return gzip ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    /** Streams every valid record into the sink; see {@link AccessLogCursor} for how lines are split and parsed. */
    public static ReadSummary read(InputStream in, Consumer<AccessLogRecord> sink) throws IOException {
        var cursor = new AccessLogCursor(in, "");
        while (cursor.next()) {
            sink.accept(cursor.current());
        }
        return cursor.summary();
    }

    /** Parses one line; throws {@link MalformedLineException} with a reason when it is not a valid record. */
    public static AccessLogRecord parse(String line) {
        String timestamp = null;
        String requestId = null;
        String lenderId = null;
        String endpoint = null;
        String modelVersion = null;
        Double latencyMs = null;
        String status = null;
        Integer httpStatus = null;
        Map<String, String> extra = null;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedLineException("not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case AccessLogFields.TIMESTAMP -> timestamp = text(p, v, name);
                    case AccessLogFields.REQUEST_ID -> requestId = text(p, v, name);
                    case AccessLogFields.LENDER_ID -> lenderId = text(p, v, name);
                    case AccessLogFields.ENDPOINT -> endpoint = text(p, v, name);
                    case AccessLogFields.MODEL_VERSION -> modelVersion = text(p, v, name);
                    case AccessLogFields.STATUS -> status = text(p, v, name);
                    case AccessLogFields.LATENCY_MS -> {
                        if (!v.isNumeric()) {
                            throw new MalformedLineException("latencyMs is not a number");
                        }
                        latencyMs = p.getDoubleValue();
                    }
                    case AccessLogFields.HTTP_STATUS -> {
                        if (v != JsonToken.VALUE_NUMBER_INT) {
                            throw new MalformedLineException("httpStatus is not an integer");
                        }
                        httpStatus = p.getIntValue();
                    }
                    default -> {
                        if (v == JsonToken.VALUE_STRING || v.isScalarValue() && v != JsonToken.VALUE_NULL) {
                            if (extra == null) {
                                extra = new HashMap<>();
                            }
                            extra.put(name, p.getText());
                        } else {
                            p.skipChildren();
                        }
                    }
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new MalformedLineException("truncated JSON object");
            }
            if (p.nextToken() != null) {
                throw new MalformedLineException("content after the JSON object");
            }
        } catch (IOException e) {
            throw new MalformedLineException("not valid JSON");
        }
        require(timestamp, AccessLogFields.TIMESTAMP);
        require(modelVersion, AccessLogFields.MODEL_VERSION);
        require(latencyMs, AccessLogFields.LATENCY_MS);
        require(status, AccessLogFields.STATUS);
        if (!Double.isFinite(latencyMs) || latencyMs < 0) {
            throw new MalformedLineException("latencyMs must be a finite number >= 0, but was " + latencyMs);
        }
        Instant at;
        try {
            at = Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw new MalformedLineException("timestamp is not ISO-8601: " + timestamp);
        }
        Outcome st;
        try {
            st = Outcome.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new MalformedLineException("status must be OK, TIMEOUT, ERROR or REJECTED, but was " + status);
        }
        return new AccessLogRecord(at, orEmpty(requestId), orEmpty(lenderId), orEmpty(endpoint), modelVersion,
                latencyMs, st, httpStatus == null ? 0 : httpStatus, extra == null ? Map.of() : extra);
    }

    private static String text(JsonParser p, JsonToken v, String name) throws IOException {
        if (v != JsonToken.VALUE_STRING) {
            throw new MalformedLineException(name + " is not a string");
        }
        return p.getText();
    }

    private static void require(Object value, String name) {
        if (value == null) {
            throw new MalformedLineException("missing " + name);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** A line that is not a valid access-log record; the message says why. */
    public static final class MalformedLineException extends RuntimeException {
        public MalformedLineException(String reason) {
            super(reason, null, false, false);
        }
    }
}
