package io.scoregate.gate.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.scoregate.gate.judge.CapacityLimits;
import io.scoregate.gate.judge.Classification;
import io.scoregate.gate.judge.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision at its boundaries, from hand-made steps (the statuses are given, not measured). */
class CapacityDecisionTest {

    static final CapacityLimits LIMITS = CapacityLimits.DEFAULT;
    static final double[] RATES = {100, 125, 156.25, 195.3125, 244.140625};

    /** One status letter per step and version: W within, E exceeds, U unclear, - not run. */
    static CapacityRun run(String baseline, String candidate, StopReason stop) {
        List<CapacityStep> steps = new ArrayList<>();
        for (int i = 0; i < baseline.length(); i++) {
            steps.add(new CapacityStep(i, RATES[i], check("v1.2", RATES[i], baseline.charAt(i)),
                    check("v1.3", RATES[i], candidate.charAt(i)), Optional.empty()));
        }
        return new CapacityRun(steps, stop, stop == StopReason.GENERATOR_BEHIND
                ? Optional.of("The load generator could not keep to its schedule.") : Optional.empty());
    }

    static Optional<SloCheck> check(String version, double rate, char status) {
        Classification c = switch (status) {
            case 'W' -> Classification.WITHIN;
            case 'E' -> Classification.EXCEEDS;
            case 'U' -> Classification.UNCLEAR;
            default -> null;
        };
        if (c == null) {
            return Optional.empty();
        }
        return Optional.of(new SloCheck(version, rate, 1000, 0, 0, 5, 4, 6, 0, 0, 0.003, c, version + " " + c));
    }

    static CapacityVerdict decide(String baseline, String candidate, StopReason stop) {
        return CapacityDecision.decide(run(baseline, candidate, stop), "v1.2", "v1.3", LIMITS);
    }

    @Test
    void failingAtTheSameStepPasses() {
        var v = decide("WWWE", "WWWE", StopReason.BOTH_FAILED);
        assertThat(v.verdict()).isEqualTo(Verdict.PASS);
        assertThat(v.ratio()).hasValue(1.0);
    }

    @Test
    void oneStepApartAtTheDefaultFactorIsNeverABlock() {
        // candidate fails at 156.25, which the baseline sustained: 156.25 > 0.8 x 156.25, no evidence of a 20% loss;
        // nor of less: the candidate's capacity is in [125, 156.25), the baseline's in [156.25, 195.3)
        var v = decide("WWWE", "WWE-", StopReason.BOTH_FAILED);
        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.reasons().get(0)).contains("125 req/s (failed at 156 req/s) against 156 req/s (failed at 195 req/s)");
    }

    @Test
    void failingAtExactlyMinRatioOfWhatTheBaselineSustainedBlocks() {
        // candidate fails at 125 = 0.8 x 156.25, which the baseline sustained
        var v = decide("WWWE", "WE--", StopReason.BOTH_FAILED);
        assertThat(v.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(v.candidate().failedAt()).hasValue(125);
        assertThat(v.baseline().sustained()).hasValue(156.25);
        assertThat(v.ratio()).hasValue(100 / 156.25);
    }

    @Test
    void capacityIsTheHighestSustainedRateBeforeTheFirstFailure() {
        var c = CapacityDecision.capacityOf("v1.2", run("WUWUE", "WWWWW", StopReason.BOTH_FAILED).steps(),
                CapacityStep::baseline);
        assertThat(c.sustained()).hasValue(156.25);
        assertThat(c.failedAt()).hasValue(244.140625);
        assertThat(c.describe()).isEqualTo("156 req/s (failed at 244 req/s)");
    }

    @Test
    void unclearStepsThatBracketTooCoarselyAreInconclusive() {
        var v = decide("WWWWE", "WUUE-", StopReason.BOTH_FAILED);
        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.reasons().get(0)).contains("cannot tell").contains("smaller --capacity-factor");
    }

    @Test
    void neitherSustainingTheFirstRateIsInconclusiveAndSaysToStartLower() {
        var v = decide("E", "E", StopReason.BOTH_FAILED);
        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.reasons().get(0)).contains("lower --rate");
        assertThat(v.ratio()).isEmpty();
    }

    @Test
    void aGeneratorThatFellBehindAfterOnlyTheBaselineFailedStillLetsTheCandidatePass() {
        var v = decide("WWE-", "WWWW", StopReason.GENERATOR_BEHIND);
        assertThat(v.verdict()).isEqualTo(Verdict.PASS);
        assertThat(v.lowerBoundsOnly()).isFalse();
    }

    @Test
    void aGeneratorThatFellBehindBeforeAnyFailureIsInconclusiveWithLowerBounds() {
        var v = decide("WWW", "WWW", StopReason.GENERATOR_BEHIND);
        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.lowerBoundsOnly()).isTrue();
        assertThat(v.baseline().describe()).isEqualTo("at least 156 req/s");
    }

    @Test
    void aCandidateUnclearAtTheCeilingIsNotAPassUnlessItsLastSustainedRateIsCloseEnough() {
        assertThat(decide("WWWWW", "WWWWU", StopReason.MAX_RATE).verdict()).isEqualTo(Verdict.PASS);
        assertThat(decide("WWWWW", "WWWUU", StopReason.MAX_RATE).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }
}
