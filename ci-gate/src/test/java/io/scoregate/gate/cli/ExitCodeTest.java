package io.scoregate.gate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scoregate.gate.judge.FinalVerdict;
import io.scoregate.gate.judge.Verdict;
import io.scoregate.gate.rollout.RollbackProcedure;
import io.scoregate.gate.rollout.RolloutOutcome;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitCodeTest {

    @Test
    void everyNumberNamesOneCodeAndNoOtherNumberNamesAny() {
        for (ExitCode e : ExitCode.values()) {
            assertThat(ExitCode.of(e.code())).contains(e);
        }
        assertThat(Arrays.stream(ExitCode.values()).map(ExitCode::code).distinct().count())
                .isEqualTo(ExitCode.values().length);
        assertThat(ExitCode.of(99)).isEmpty();
        assertThat(ExitCode.of(-1)).isEmpty();
    }

    @Test
    void onlyTheGatesNoIsARefusalTheToolBreakingIsNot() {
        assertThat(Arrays.stream(ExitCode.values()).filter(ExitCode::refusesPromotion))
                .containsExactly(ExitCode.BLOCK_REGRESSION, ExitCode.BLOCK_FREEZE, ExitCode.INCONCLUSIVE);
    }

    @Test
    void aFreezeIsItsOwnBlock() {
        assertThat(ExitCode.of(new FinalVerdict(Verdict.BLOCK, true, List.of("frozen"))))
                .isEqualTo(ExitCode.BLOCK_FREEZE);
        assertThat(ExitCode.of(new FinalVerdict(Verdict.BLOCK, false, List.of("slow"))))
                .isEqualTo(ExitCode.BLOCK_REGRESSION);
        assertThat(ExitCode.of(new FinalVerdict(Verdict.INCONCLUSIVE, false, List.of("few"))))
                .isEqualTo(ExitCode.INCONCLUSIVE);
        assertThat(ExitCode.of(new FinalVerdict(Verdict.PASS, false, List.of("fine")))).isEqualTo(ExitCode.PASS);
    }

    @Test
    void rolloutAndRollbackEndsMapOntoTheSameCodes() {
        assertThat(ExitCode.of(RolloutOutcome.End.PROMOTED)).isEqualTo(ExitCode.PASS);
        assertThat(ExitCode.of(RolloutOutcome.End.ROLLED_BACK_REGRESSION)).isEqualTo(ExitCode.BLOCK_REGRESSION);
        assertThat(ExitCode.of(RolloutOutcome.End.FROZEN_BEFORE_START)).isEqualTo(ExitCode.BLOCK_FREEZE);
        assertThat(ExitCode.of(RolloutOutcome.End.ROLLED_BACK_INCONCLUSIVE)).isEqualTo(ExitCode.INCONCLUSIVE);
        assertThat(ExitCode.of(RolloutOutcome.End.FAILED)).isEqualTo(ExitCode.TARGET_UNAVAILABLE);
        assertThat(ExitCode.of(RollbackProcedure.End.RECOVERED)).isEqualTo(ExitCode.PASS);
        assertThat(ExitCode.of(RollbackProcedure.End.UNVERIFIED)).isEqualTo(ExitCode.INCONCLUSIVE);
        assertThat(ExitCode.of(RollbackProcedure.End.NOT_PROPAGATED)).isEqualTo(ExitCode.TARGET_UNAVAILABLE);
    }
}
