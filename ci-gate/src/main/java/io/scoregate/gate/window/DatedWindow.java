package io.scoregate.gate.window;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

/** A one-off freeze between two local date-times (a public holiday, a year-end), end exclusive. */
public record DatedWindow(String name, LocalDateTime from, LocalDateTime to) {

    public DatedWindow {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("`to` must be after `from`, but " + to + " is not after " + from);
        }
    }

    /** The whole local day. */
    public static DatedWindow day(String name, LocalDate date) {
        return new DatedWindow(name, date.atStartOfDay(), date.plusDays(1).atStartOfDay());
    }

    Optional<LocalDateTime> endIfContains(LocalDateTime local) {
        return !local.isBefore(from) && local.isBefore(to) ? Optional.of(to) : Optional.empty();
    }

    public String describe() {
        return name + " (" + from + " to " + to + ")";
    }
}
