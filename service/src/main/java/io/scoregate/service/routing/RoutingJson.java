package io.scoregate.service.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON form of tables and audit entries, shared by both stores so that a table written by one
 * instance reads back identically on every other (ISO-8601 instants, Optional as value-or-absent).
 */
public final class RoutingJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RoutingJson() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses a table and checks it is one (weights sum to 100 and so on). */
    public static RoutingTable readTable(String json) throws InvalidTableException {
        RoutingTable table;
        try {
            table = MAPPER.readValue(json, RoutingTable.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new InvalidTableException("not a routing table: " + firstLine(e.getMessage()));
        }
        var problems = RoutingTableRules.problemsOf(table);
        if (!problems.isEmpty()) {
            throw new InvalidTableException("invalid routing table: " + String.join("; ", problems));
        }
        return table;
    }

    public static RoutingAuditEntry readAudit(String json) throws InvalidTableException {
        try {
            return MAPPER.readValue(json, RoutingAuditEntry.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new InvalidTableException("not an audit entry: " + firstLine(e.getMessage()));
        }
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
