package io.scoregate.service.accesslog;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Lets through at most one message per interval and counts the rest, so a failure that repeats with every
 * batch (a full disk: about 50 a second) leaves one server-log line per interval instead of a flood. Not
 * thread-safe: the access-log writer thread is its only caller.
 */
final class RateLimitedLog {

    private final Clock clock;
    private final long intervalMillis;
    private long lastLoggedAt = Long.MIN_VALUE;
    private long suppressed;

    RateLimitedLog(Clock clock, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, but was " + interval);
        }
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    /**
     * The message to log now, with the number of messages held back since the last one; empty while the
     * interval since the last logged message has not passed (the message is then only counted).
     */
    Optional<String> admit(String message) {
        long now = clock.millis();
        if (lastLoggedAt != Long.MIN_VALUE && now - lastLoggedAt < intervalMillis) {
            suppressed++;
            return Optional.empty();
        }
        String line = suppressed == 0 ? message
                : message + " (" + suppressed + " similar messages suppressed since the last one)";
        lastLoggedAt = now;
        suppressed = 0;
        return Optional.of(line);
    }

    /** Messages held back since the last one let through. */
    long suppressed() {
        return suppressed;
    }
}
