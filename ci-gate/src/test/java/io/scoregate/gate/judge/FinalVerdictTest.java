package io.scoregate.gate.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.scoregate.gate.window.FreezeCalendar;
import io.scoregate.gate.window.FreezeOverride;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FinalVerdictTest {

    // Friday 18:06 in Nairobi: inside the default weekend freeze
    static final Clock FRIDAY_EVENING = Clock.fixed(Instant.parse("2026-11-27T15:06:00Z"), ZoneOffset.UTC);
    // Wednesday noon in Nairobi: open
    static final Clock WEDNESDAY = Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneOffset.UTC);
    final FreezeCalendar calendar = new FreezeCalendar(Policy.DEFAULT.freeze());

    static Judgement passing() {
        var a = JudgeTest.arm("v1.2", JudgeTest.lognormal(2000, 100, 0.3, 1), new double[0], 0);
        var b = JudgeTest.arm("v1.3", JudgeTest.lognormal(2000, 100, 0.3, 2), new double[0], 0);
        var j = Judge.standard().judge(a, b, Policy.DEFAULT);
        assertThat(j.verdict()).isEqualTo(Verdict.PASS);
        return j;
    }

    @Test
    void aFreezeWithoutOverrideBlocksWithoutAJudgement() {
        var v = FinalVerdict.of(calendar.check(FRIDAY_EVENING, Optional.empty()), Optional.empty());
        assertThat(v.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(v.frozen()).isTrue();
        assertThat(v.firstReason()).isEqualTo("Promotion is frozen by weekend freeze (Friday 15:00 to Monday 06:00) "
                + "until 2026-11-30T03:00:00Z (Africa/Nairobi); pass --override-approver and --override-reason to "
                + "override.");
    }

    @Test
    void aFreezeBlocksEvenAPassingJudgement() {
        var v = FinalVerdict.of(calendar.check(FRIDAY_EVENING, Optional.empty()), Optional.of(passing()));
        assertThat(v.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(v.frozen()).isTrue();
        assertThat(v.reasons()).hasSize(1);
    }

    @Test
    void anOverriddenFreezeLetsTheJudgementDecideAndSaysWhoOverrode() {
        var override = new FreezeOverride("Achieng", "lender outage fix", Optional.of("INC-7"));
        var j = passing();
        var v = FinalVerdict.of(calendar.check(FRIDAY_EVENING, Optional.of(override)), Optional.of(j));
        assertThat(v.verdict()).isEqualTo(Verdict.PASS);
        assertThat(v.frozen()).isFalse();
        assertThat(v.firstReason()).isEqualTo(j.reasons().get(0));
        assertThat(v.reasons()).last().asString()
                .isEqualTo("Promotion is frozen (weekend freeze (Friday 15:00 to Monday 06:00)) but overridden by Achieng: lender outage fix (INC-7).");
    }

    @Test
    void anOpenWindowPassesTheJudgementThrough() {
        var j = passing();
        var v = FinalVerdict.of(calendar.check(WEDNESDAY, Optional.empty()), Optional.of(j));
        assertThat(v.verdict()).isEqualTo(Verdict.PASS);
        assertThat(v.reasons()).isEqualTo(j.reasons());
    }
}
