package io.scoregate.service.rest;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * When a request arrived at the server: the wall-clock time for the access log and the {@link System#nanoTime()}
 * its latency and deadline count from.
 * <p>
 * Quarkus stamps a request in the first handler of its router ({@code quarkus.http.record-request-start-time},
 * switched on in application.properties), before body handling, our guards and the REST layer, so the time a
 * request then waits for a busy event loop is part of its latency and of its deadline. Time spent in the
 * kernel's socket buffers before Vert.x reads the request is still not seen: no user-space timestamp exists for
 * it (the README's known limits say so).
 */
public record Arrival(Instant at, long nanos) {

    /** The key under which Quarkus records the start time (a {@code Long} of {@link System#nanoTime()}). */
    static final String START_TIME_KEY = "io.quarkus.request-start-time";

    /** The request's arrival as Quarkus recorded it; now, if it was not recorded (the setting is off). */
    public static Arrival of(RoutingContext ctx) {
        long now = System.nanoTime();
        Object recorded = ctx == null ? null : ctx.get(START_TIME_KEY);
        if (!(recorded instanceof Long start) || start > now) {
            return new Arrival(Instant.now(), now);
        }
        return new Arrival(Instant.now().minusNanos(now - start), start);
    }

    /** Nanoseconds since arrival. */
    public long elapsedNanos() {
        return System.nanoTime() - nanos;
    }
}
