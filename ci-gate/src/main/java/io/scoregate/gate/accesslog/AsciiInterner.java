package io.scoregate.gate.accesslog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns repeated ASCII byte slices (lender ids, endpoints, versions) into one shared String each, so a
 * line costs no String allocation for its low-cardinality fields. Open addressing over a fixed table;
 * once the table is half full, unseen values are returned as fresh Strings (high-cardinality fields must
 * not grow memory with the file). Not thread-safe: one per reader.
 */
final class AsciiInterner {

    private static final int SIZE = 1 << 12;
    private final byte[][] keys = new byte[SIZE][];
    private final String[] values = new String[SIZE];
    private int used;

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
                    used++;
                }
                return s;
            }
            if (same(k, buf, from, to)) {
                return values[slot];
            }
            slot = (slot + 1) & (SIZE - 1);
        }
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
