package io.scoregate.gate.window;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Answers "is promotion frozen at this instant, and until when" for a {@link FreezeSchedule}. The instant
 * is converted to wall-clock time in the schedule's zone and compared with each window; the end of a
 * window is turned back into an instant with the zone's rules, so a window ending at 06:00 ends at 06:00
 * local on either side of a daylight-saving change (a local end time inside a spring-forward gap moves
 * to just after the gap, as {@link ZonedDateTime#ofLocal} does).
 */
public final class FreezeCalendar {

    /** Chained windows longer than this many hops are reported as ending at the last one looked at. */
    private static final int MAX_CHAIN = 64;

    private final FreezeSchedule schedule;

    public FreezeCalendar(FreezeSchedule schedule) {
        this.schedule = schedule;
    }

    public FreezeDecision check(Clock clock, Optional<FreezeOverride> override) {
        return check(clock.instant(), override);
    }

    public FreezeDecision check(Instant at, Optional<FreezeOverride> override) {
        Optional<Hit> hit = hitAt(at);
        if (hit.isEmpty()) {
            return new FreezeDecision(at, schedule.zone(), false, Optional.empty(), Optional.empty(), override);
        }
        Instant until = hit.get().end();
        for (int i = 0; i < MAX_CHAIN; i++) {
            Optional<Hit> next = hitAt(until);
            if (next.isEmpty() || !next.get().end().isAfter(until)) {
                break;
            }
            until = next.get().end();
        }
        return new FreezeDecision(at, schedule.zone(), true, Optional.of(hit.get().name()), Optional.of(until), override);
    }

    /** The window covering {@code at} that ends last, if any. */
    private Optional<Hit> hitAt(Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, schedule.zone());
        Hit best = null;
        for (WeeklyWindow w : schedule.weekly()) {
            Optional<LocalDateTime> end = w.endOfOccurrenceContaining(local);
            if (end.isPresent()) {
                best = later(best, new Hit(w.describe(), toInstant(end.get())));
            }
        }
        for (DatedWindow w : schedule.dated()) {
            Optional<LocalDateTime> end = w.endIfContains(local);
            if (end.isPresent()) {
                best = later(best, new Hit(w.describe(), toInstant(end.get())));
            }
        }
        return Optional.ofNullable(best);
    }

    private Instant toInstant(LocalDateTime local) {
        return ZonedDateTime.ofLocal(local, schedule.zone(), null).toInstant();
    }

    private static Hit later(Hit a, Hit b) {
        return a == null || b.end().isAfter(a.end()) ? b : a;
    }

    private record Hit(String name, Instant end) {
    }
}
