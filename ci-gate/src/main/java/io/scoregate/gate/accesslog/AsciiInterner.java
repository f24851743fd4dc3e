package io.scoregate.gate.accesslog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns repeated ASCII byte slices (lender ids, endpoints, versions) into one shared String each, so a
 * line costs no String allocation for its low-cardinality fields. Each stored value also gets a dense id
 * (0, 1, 2... in the order first seen), so a columnar reader can keep ints instead of references. Open
 * addressing over a fixed table; once the table is half full, unseen values are returned as fresh Strings
 * with id -1 (high-cardinality fields must not grow memory with the file). Not thread-safe: one per reader.
 */
final class AsciiInterner {

    private static final int SIZE = 1 << 12;
    private final byte[][] keys = new byte[SIZE][];
    private final String[] values = new String[SIZE];
    private final int[] ids = new int[SIZE];
    private final String[] byId = new String[SIZE / 2];
    private int used;
    private int lastId;

    String intern(byte[] buf, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + buf[i];
        }
        h ^= h >>> 16;
        int slot = h & (SIZE - 1);
        while (true) {
            byte[] k = keys[slot];
            if (k == null) {
                String s = new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
                if (used < SIZE / 2) {
                    keys[slot] = Arrays.copyOfRange(buf, from, to);
                    values[slot] = s;
                    ids[slot] = used;
                    byId[used] = s;
                    lastId = used;
                    used++;
                } else {
                    lastId = -1;
                }
                return s;
            }
            if (same(k, buf, from, to)) {
                lastId = ids[slot];
                return values[slot];
            }
            slot = (slot + 1) & (SIZE - 1);
        }
    }

    /** The id of the value the last {@link #intern} returned; -1 when it was not stored. */
    int lastId() {
        return lastId;
    }

    /** The values stored so far, by id. */
    int size() {
        return used;
    }

    String byId(int id) {
        return byId[id];
    }

    /** Values are short: a plain loop beats the vectorized mismatch's setup. */
    private static boolean same(byte[] k, byte[] buf, int from, int to) {
        if (k.length != to - from) {
            return false;
        }
        for (int i = 0; i < k.length; i++) {
            if (k[i] != buf[from + i]) {
                return false;
            }
        }
        return true;
    }
}
