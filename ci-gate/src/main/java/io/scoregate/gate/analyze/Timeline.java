package io.scoregate.gate.analyze;

/**
 * Maps timestamps to at most {@link #SLOTS} time slots whose width adapts to the log's span: it starts at
 * 100 ms and, when a record falls outside the slots, moves to the narrowest width on a ladder of "nice"
 * widths (each a multiple of the one before, aligned to the epoch) that covers everything seen. Because
 * every width divides the next, old slots fold into new ones exactly ({@link #newSlotOf}), so records may
 * arrive in any order and memory is bounded by the slot count, not the file size.
 */
final class Timeline {

    static final int SLOTS = 256;
    private static final long[] LADDER_MS = {100, 200, 1_000, 2_000, 10_000, 30_000, 60_000, 300_000, 900_000,
            1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000};

    private long widthMs;
    private long originMs;
    private long minSeen = Long.MAX_VALUE;
    private long maxSeen = Long.MIN_VALUE;

    Timeline() {
        this.widthMs = LADDER_MS[0];
    }

    private Timeline(long widthMs, long originMs) {
        this.widthMs = widthMs;
        this.originMs = originMs;
    }

    long widthMs() {
        return widthMs;
    }

    long originMs() {
        return originMs;
    }

    long slotStartMs(int slot) {
        return originMs + slot * widthMs;
    }

    /** The slot of a time, or -1 when it lies outside the current slots (call {@link #layoutFor} then). */
    int slotOf(long epochMs) {
        if (minSeen > maxSeen) {
            return -1;
        }
        long s = Math.floorDiv(epochMs - originMs, widthMs);
        if (s < 0 || s >= SLOTS) {
            return -1;
        }
        if (epochMs < minSeen) {
            minSeen = epochMs;
        }
        if (epochMs > maxSeen) {
            maxSeen = epochMs;
        }
        return (int) s;
    }

    /**
     * The layout that covers everything seen plus {@code epochMs}: the narrowest ladder width not below the
     * current one, with a little room kept before the earliest time for lines that arrive late.
     */
    Timeline layoutFor(long epochMs) {
        long lo = Math.min(minSeen, epochMs);
        long hi = Math.max(maxSeen, epochMs);
        long w = widthMs;
        int step = 0;
        while (step < LADDER_MS.length && LADDER_MS[step] < w) {
            step++;
        }
        while (Math.floorDiv(hi, w) - Math.floorDiv(lo, w) + 1 > SLOTS) {
            step++;
            w = step < LADDER_MS.length ? LADDER_MS[step] : w * 2;
        }
        long used = Math.floorDiv(hi, w) - Math.floorDiv(lo, w) + 1;
        long slack = (SLOTS - used) / 8;
        var next = new Timeline(w, (Math.floorDiv(lo, w) - slack) * w);
        next.minSeen = lo;
        next.maxSeen = hi;
        return next;
    }

    /** Where a slot of this layout lands in a wider or shifted layout from {@link #layoutFor}. */
    int newSlotOf(int oldSlot, Timeline next) {
        return (int) Math.floorDiv(slotStartMs(oldSlot) - next.originMs, next.widthMs);
    }
}
