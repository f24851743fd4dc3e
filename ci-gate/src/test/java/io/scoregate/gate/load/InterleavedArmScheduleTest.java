package io.scoregate.gate.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterleavedArmScheduleTest {

    private static List<ArmSlot> take(long seed, int n) {
        var s = new InterleavedArmSchedule(seed, "v1.2", "v1.3", List.of("/risk-score", "/funding-approve"));
        List<ArmSlot> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(s.next());
        }
        return out;
    }

    @Test
    void shouldNeverStrayMoreThanHalfABlockFromFiftyFifty() {
        List<ArmSlot> slots = take(3, 10_000);
        long diff = 0;
        for (ArmSlot slot : slots) {
            diff += slot.arm() == ArmSlot.Arm.BASELINE ? 1 : -1;
            assertThat(Math.abs(diff)).isLessThanOrEqualTo(InterleavedArmSchedule.BLOCK / 2);
        }
        assertThat(diff).isZero();
    }

    @Test
    void shouldBeSeededAndShuffled() {
        assertThat(take(5, 200)).isEqualTo(take(5, 200));
        assertThat(take(5, 200)).isNotEqualTo(take(6, 200));
        // not simply alternating
        List<ArmSlot> slots = take(5, 200);
        long sameAsPrevious = 0;
        for (int i = 1; i < slots.size(); i++) {
            if (slots.get(i).arm() == slots.get(i - 1).arm()) {
                sameAsPrevious++;
            }
        }
        assertThat(sameAsPrevious).isBetween(60L, 140L);
    }

    @Test
    void shouldPinTheVersionAndAlternateEndpointsWithinEachArm() {
        List<ArmSlot> slots = take(9, 40);
        List<String> baselineEndpoints = slots.stream().filter(s -> s.arm() == ArmSlot.Arm.BASELINE)
                .peek(s -> assertThat(s.version()).isEqualTo("v1.2")).map(ArmSlot::endpoint).toList();
        assertThat(baselineEndpoints).hasSize(20);
        for (int i = 0; i < baselineEndpoints.size(); i++) {
            assertThat(baselineEndpoints.get(i)).isEqualTo(i % 2 == 0 ? "/risk-score" : "/funding-approve");
        }
        assertThat(slots).filteredOn(s -> s.arm() == ArmSlot.Arm.CANDIDATE).allMatch(s -> s.version().equals("v1.3"));
    }
}
