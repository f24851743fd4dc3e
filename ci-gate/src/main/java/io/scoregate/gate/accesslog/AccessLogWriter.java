package io.scoregate.gate.accesslog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.scoregate.contract.AccessLogFields;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes records in the service's access-log format, one JSON object per line. Not thread-safe. */
public final class AccessLogWriter implements Closeable {

    private static final JsonFactory JSON = new JsonFactory();
    private final Writer out;

    public AccessLogWriter(Writer out) {
        this.out = out;
    }

    public static AccessLogWriter create(Path file) throws IOException {
        return new AccessLogWriter(new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16));
    }

    public void write(AccessLogRecord r) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(new NonClosingWriter(out))) {
            g.writeStartObject();
            g.writeStringField(AccessLogFields.TIMESTAMP, r.timestamp().toString());
            g.writeStringField(AccessLogFields.REQUEST_ID, r.requestId());
            g.writeStringField(AccessLogFields.LENDER_ID, r.lenderId());
            g.writeStringField(AccessLogFields.ENDPOINT, r.endpoint());
            g.writeStringField(AccessLogFields.MODEL_VERSION, r.modelVersion());
            g.writeNumberField(AccessLogFields.LATENCY_MS, Math.round(r.latencyMs() * 1000.0) / 1000.0);
            g.writeStringField(AccessLogFields.STATUS, r.status().name());
            g.writeNumberField(AccessLogFields.HTTP_STATUS, r.httpStatus());
            for (var e : r.extra().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private static final class NonClosingWriter extends java.io.FilterWriter {
        NonClosingWriter(Writer w) {
            super(w);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
