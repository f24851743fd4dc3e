package io.scoregate.gate.window;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * A freeze that repeats every week, from one local day-and-time to another (wrapping over the week end,
 * e.g. Friday 15:00 to Monday 06:00). Times are wall-clock times in the schedule's zone, so "15:00" stays
 * 15:00 across a daylight-saving change.
 */
public record WeeklyWindow(String name, DayOfWeek fromDay, LocalTime fromTime, DayOfWeek toDay, LocalTime toTime) {

    /** The end (local) of this window's occurrence that contains {@code local}, if one does. */
    Optional<LocalDateTime> endOfOccurrenceContaining(LocalDateTime local) {
        LocalDateTime start = local.with(TemporalAdjusters.previousOrSame(fromDay)).with(fromTime);
        if (start.isAfter(local)) {
            start = start.minusWeeks(1);
        }
        LocalDateTime end = start.with(TemporalAdjusters.nextOrSame(toDay)).with(toTime);
        if (!end.isAfter(start)) {
            end = end.plusWeeks(1);
        }
        return local.isBefore(end) ? Optional.of(end) : Optional.empty();
    }

    public String describe() {
        return name + " (" + cap(fromDay) + " " + fromTime + " to " + cap(toDay) + " " + toTime + ")";
    }

    private static String cap(DayOfWeek d) {
        String s = d.name().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
