package io.scoregate.service.accesslog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** ISO-8601 UTC with exactly three fraction digits (2026-11-27T18:06:00.123Z), so every line looks the same. */
final class IsoMillis {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private IsoMillis() {
    }

    static void append(StringBuilder sb, Instant instant) {
        FORMAT.formatTo(instant, sb);
    }
}
