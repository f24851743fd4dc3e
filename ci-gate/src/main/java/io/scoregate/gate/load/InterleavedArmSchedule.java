package io.scoregate.gate.load;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Decides, request by request, which arm goes next: a shuffled balanced sequence. Each block of
 * {@value #BLOCK} requests holds exactly half baseline and half candidate in seeded random order, so the
 * arms see the same conditions (a GC pause or a noisy neighbour lands on both) and the split never strays
 * more than half a block from 50/50, however short the run. Each arm walks the endpoints in turn, so both
 * endpoints get an even share of each arm.
 */
public final class InterleavedArmSchedule {

    static final int BLOCK = 20;

    private final SplittableRandom random;
    private final String baseline;
    private final String candidate;
    private final List<String> endpoints;
    private final ArmSlot.Arm[] block = new ArmSlot.Arm[BLOCK];
    private int position = BLOCK;
    private long baselineCount;
    private long candidateCount;

    public InterleavedArmSchedule(long seed, String baseline, String candidate, List<String> endpoints) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("`endpoints` must name at least one endpoint, but was empty");
        }
        this.random = new SplittableRandom(seed);
        this.baseline = baseline;
        this.candidate = candidate;
        this.endpoints = List.copyOf(endpoints);
    }

    public ArmSlot next() {
        if (position == BLOCK) {
            refill();
        }
        ArmSlot.Arm arm = block[position++];
        if (arm == ArmSlot.Arm.BASELINE) {
            return new ArmSlot(arm, baseline, endpoints.get((int) (baselineCount++ % endpoints.size())));
        }
        return new ArmSlot(arm, candidate, endpoints.get((int) (candidateCount++ % endpoints.size())));
    }

    private void refill() {
        for (int i = 0; i < BLOCK; i++) {
            block[i] = i < BLOCK / 2 ? ArmSlot.Arm.BASELINE : ArmSlot.Arm.CANDIDATE;
        }
        // Fisher-Yates
        for (int i = BLOCK - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            ArmSlot.Arm t = block[i];
            block[i] = block[j];
            block[j] = t;
        }
        position = 0;
    }
}
