package io.scoregate.service.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one JSON form of tables and audit entries, shared by both stores so that a table written by one
 * instance reads back identically on every other (ISO-8601 instants, Optional as value-or-absent).
 */
public final class RoutingJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // "{...table...}garbage" is not a table either: a torn or appended-to file must not pass.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** A top-level or nested "revision": n, found in any bytes, however broken the rest is. */
    private static final Pattern REVISION = Pattern.compile("\"revision\"\\s*:\\s*(\\d{1,18})(?!\\d)");

    private RoutingJson() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Decodes stored bytes as strict UTF-8 (a malformed byte is an error, not a replacement character) and
     * parses them as a table: whatever the content, the answer is a table or an {@link InvalidTableException}.
     */
    public static RoutingTable readTable(byte[] stored) throws InvalidTableException {
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(stored)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidTableException("not UTF-8 text (" + e + ")");
        }
        return readTable(json);
    }

    /** Parses a table and checks it is one (weights sum to 100 and so on). */
    public static RoutingTable readTable(String json) throws InvalidTableException {
        if (json.isBlank()) {
            throw new InvalidTableException("empty");
        }
        RoutingTable table;
        try {
            table = MAPPER.readValue(json, RoutingTable.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new InvalidTableException("not a routing table: " + firstLine(e.getMessage()));
        }
        if (table == null) { // the JSON literal null
            throw new InvalidTableException("not a routing table: null");
        }
        var problems = RoutingTableRules.problemsOf(table);
        if (!problems.isEmpty()) {
            throw new InvalidTableException("invalid routing table: " + String.join("; ", problems));
        }
        return table;
    }

    public static RoutingAuditEntry readAudit(String json) throws InvalidTableException {
        RoutingAuditEntry entry;
        try {
            entry = MAPPER.readValue(json, RoutingAuditEntry.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new InvalidTableException("not an audit entry: " + firstLine(e.getMessage()));
        }
        if (entry == null || entry.to() == null || entry.from() == null) {
            throw new InvalidTableException("not an audit entry: no `to` table");
        }
        return entry;
    }

    /**
     * The highest {@code "revision": n} anywhere in {@code stored}, read byte by byte (ISO-8859-1 keeps every
     * ASCII byte as itself), so a truncated or partly overwritten table still tells how far revisions went;
     * 0 when none is found.
     */
    public static long highestRevisionMentioned(byte[] stored) {
        Matcher m = REVISION.matcher(new String(stored, StandardCharsets.ISO_8859_1));
        long highest = 0;
        while (m.find()) {
            highest = Math.max(highest, Long.parseLong(m.group(1)));
        }
        return highest;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** A stored document that does not hold a valid table or audit entry. */
    public static class InvalidTableException extends Exception {
        public InvalidTableException(String message) {
            super(message);
        }
    }
}
