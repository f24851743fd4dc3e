package io.scoregate.gate.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FreezeCalendarTest {

    final FreezeCalendar nairobi = new FreezeCalendar(FreezeSchedule.DEFAULT);

    static FreezeSchedule weekend(String zone) {
        return new FreezeSchedule(ZoneId.of(zone), FreezeSchedule.DEFAULT.weekly(), List.of());
    }

    @Test
    void theIncidentFridayEveningIsFrozenUntilMondayMorning() {
        // Friday 2026-11-27 18:06 Nairobi (UTC+3) = 15:06Z
        var d = nairobi.check(Clock.fixed(Instant.parse("2026-11-27T15:06:00Z"), ZoneOffset.UTC), Optional.empty());
        assertThat(d.frozen()).isTrue();
        assertThat(d.blocks()).isTrue();
        // Monday 06:00 Nairobi = 03:00Z
        assertThat(d.until()).contains(Instant.parse("2026-11-30T03:00:00Z"));
        assertThat(d.window()).hasValueSatisfying(w -> assertThat(w).startsWith("weekend freeze"));
    }

    @Test
    void edgesAreStartInclusiveEndExclusive() {
        assertThat(nairobi.check(Instant.parse("2026-11-27T11:59:59Z"), Optional.empty()).frozen()).isFalse(); // 14:59:59
        assertThat(nairobi.check(Instant.parse("2026-11-27T12:00:00Z"), Optional.empty()).frozen()).isTrue(); // 15:00
        assertThat(nairobi.check(Instant.parse("2026-11-30T02:59:59Z"), Optional.empty()).frozen()).isTrue(); // Mon 05:59:59
        assertThat(nairobi.check(Instant.parse("2026-11-30T03:00:00Z"), Optional.empty()).frozen()).isFalse(); // Mon 06:00
        assertThat(nairobi.check(Instant.parse("2026-11-25T09:00:00Z"), Optional.empty()).until()).isEmpty(); // Wednesday
    }

    @Test
    void overrideIsRecordedAndLiftsTheBlock() {
        var o = new FreezeOverride("Wanjiku Kamau", "hotfix for lender outage", Optional.of("INC-42"));
        var d = nairobi.check(Instant.parse("2026-11-27T15:06:00Z"), Optional.of(o));
        assertThat(d.frozen()).isTrue();
        assertThat(d.blocks()).isFalse();
        assertThat(d.overridden()).isTrue();
        assertThat(d.override()).contains(o);
    }

    @Test
    void londonFallBackWeekendEndsAtSixLocalWhichIsSixUtc() {
        // clocks go back Sunday 2026-10-25 02:00 BST -> 01:00 GMT
        var london = new FreezeCalendar(weekend("Europe/London"));
        // Friday 2026-10-23 15:00 BST = 14:00Z: frozen; 14:59 BST = 13:59Z: open
        assertThat(london.check(Instant.parse("2026-10-23T13:59:00Z"), Optional.empty()).frozen()).isFalse();
        var d = london.check(Instant.parse("2026-10-23T14:00:00Z"), Optional.empty());
        assertThat(d.frozen()).isTrue();
        // Monday 06:00 GMT = 06:00Z, not 05:00Z
        assertThat(d.until()).contains(Instant.parse("2026-10-26T06:00:00Z"));
        assertThat(london.check(Instant.parse("2026-10-26T05:30:00Z"), Optional.empty()).frozen()).isTrue();
    }

    @Test
    void newYorkSpringForwardWindowsFollowWallClock() {
        // clocks go forward Sunday 2026-03-08 02:00 EST -> 03:00 EDT
        var ny = new FreezeCalendar(weekend("America/New_York"));
        // Friday 2026-03-06 15:00 EST = 20:00Z
        assertThat(ny.check(Instant.parse("2026-03-06T19:59:00Z"), Optional.empty()).frozen()).isFalse();
        var d = ny.check(Instant.parse("2026-03-06T20:00:00Z"), Optional.empty());
        // Monday 06:00 EDT = 10:00Z (an hour earlier in UTC than the Friday offset would say)
        assertThat(d.until()).contains(Instant.parse("2026-03-09T10:00:00Z"));
    }

    @Test
    void windowEndingInsideTheSpringForwardGapEndsJustAfterIt() {
        var w = new WeeklyWindow("night", DayOfWeek.SUNDAY, LocalTime.of(0, 0), DayOfWeek.SUNDAY, LocalTime.of(2, 30));
        var ny = new FreezeCalendar(new FreezeSchedule(ZoneId.of("America/New_York"), List.of(w), List.of()));
        // 01:30 EST = 06:30Z on 2026-03-08; 02:30 does not exist that day, so the window ends at 03:30 EDT = 07:30Z
        assertThat(ny.check(Instant.parse("2026-03-08T06:30:00Z"), Optional.empty()).until())
                .contains(Instant.parse("2026-03-08T07:30:00Z"));
    }

    @Test
    void holidaysAddToAndChainWithTheWeekend() {
        // Monday 2026-12-28 as a holiday: the weekend freeze runs on through it to Tuesday 00:00 Nairobi
        var s = new FreezeSchedule(ZoneId.of("Africa/Nairobi"), FreezeSchedule.DEFAULT.weekly(),
                List.of(DatedWindow.day("holiday", LocalDate.of(2026, 12, 28)), DatedWindow.day("Jamhuri Day", LocalDate.of(2026, 12, 12))));
        var cal = new FreezeCalendar(s);
        var d = cal.check(Instant.parse("2026-12-25T16:00:00Z"), Optional.empty());
        assertThat(d.until()).contains(Instant.parse("2026-12-28T21:00:00Z"));
        // a Saturday holiday inside the weekend changes nothing; a weekday holiday freezes on its own
        var wed = cal.check(Instant.parse("2026-12-12T09:00:00Z"), Optional.empty());
        assertThat(wed.frozen()).isTrue();
    }
}
