package io.scoregate.gate.analyze;

/** One group's {@link SlotStats} per time slot, allocated only for slots the group has requests in. */
final class CellSeries {

    private SlotStats[] slots = new SlotStats[Timeline.SLOTS];

    SlotStats at(int slot) {
        SlotStats s = slots[slot];
        if (s == null) {
            s = new SlotStats();
            slots[slot] = s;
        }
        return s;
    }

    /** The slot's stats; an empty instance (not stored) when the group had no request then. */
    SlotStats peek(int slot) {
        SlotStats s = slots[slot];
        return s == null ? new SlotStats() : s;
    }

    void remap(Timeline from, Timeline to) {
        SlotStats[] next = new SlotStats[Timeline.SLOTS];
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                int j = from.newSlotOf(i, to);
                if (next[j] == null) {
                    next[j] = slots[i];
                } else {
                    next[j].addAll(slots[i]);
                }
            }
        }
        slots = next;
    }

    /** The sum of slots [from, to). */
    SlotStats sum(int from, int to) {
        SlotStats total = new SlotStats();
        for (int i = Math.max(0, from); i < Math.min(to, slots.length); i++) {
            if (slots[i] != null) {
                total.addAll(slots[i]);
            }
        }
        return total;
    }
}
