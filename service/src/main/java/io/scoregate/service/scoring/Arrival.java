package io.scoregate.service.scoring;

import java.time.Instant;

/**
 * When a request arrived at the server: the wall-clock time for the access log and the {@link System#nanoTime()}
 * its latency and its scoring deadline count from. rest/{@code ArrivalStamp} takes it from the stamp Quarkus
 * puts on the request in the first handler of its router, so time spent waiting for a busy event loop counts.
 */
public record Arrival(Instant at, long nanos) {

    /** Nanoseconds since arrival. */
    public long elapsedNanos() {
        return System.nanoTime() - nanos;
    }
}
