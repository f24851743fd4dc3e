package io.scoregate.gate.window;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * When promotion is frozen: weekly windows and one-off dated windows, read as wall-clock times in one
 * zone. The default is the incident's lesson: no promotion from Friday 15:00 to Monday 06:00 in Nairobi.
 */
public record FreezeSchedule(ZoneId zone, List<WeeklyWindow> weekly, List<DatedWindow> dated) {

    public static final FreezeSchedule DEFAULT = new FreezeSchedule(ZoneId.of("Africa/Nairobi"),
            List.of(new WeeklyWindow("weekend freeze", DayOfWeek.FRIDAY, LocalTime.of(15, 0),
                    DayOfWeek.MONDAY, LocalTime.of(6, 0))),
            List.of());

    public FreezeSchedule {
        weekly = List.copyOf(weekly);
        dated = List.copyOf(dated);
    }
}
