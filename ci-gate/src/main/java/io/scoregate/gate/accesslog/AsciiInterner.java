package io.scoregate.gate.accesslog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
    /** Values up to this long are compared as two words, read eight bytes at a time. */
    private static final int SHORT = 16;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int[] lengths = new int[SIZE];
    private final long[] heads = new long[SIZE];
    private final long[] tails = new long[SIZE];
    private final byte[][] longKeys = new byte[SIZE][];
    private final String[] values = new String[SIZE];
    private final int[] ids = new int[SIZE];
    private final String[] byId = new String[SIZE / 2];
    private int used;
    private int lastId;

    String intern(byte[] buf, int from, int to) {
        int len = to - from;
        long head;
        long tail;
        int h;
        if (len <= SHORT) {
            head = word(buf, from, Math.min(len, 8));
            tail = len > 8 ? word(buf, from + 8, len - 8) : 0;
            long x = (head * 0x9E3779B97F4A7C15L) ^ (tail * 0xC2B2AE3D27D4EB4FL) ^ len;
            h = (int) (x ^ (x >>> 29) ^ (x >>> 47));
        } else {
            head = 0;
            tail = 0;
            h = 1;
            for (int i = from; i < to; i++) {
                h = 31 * h + buf[i];
            }
            h ^= h >>> 16;
        }
        int slot = h & (SIZE - 1);
        while (true) {
            String v = values[slot];
            if (v == null) {
                String s = new String(buf, from, len, StandardCharsets.ISO_8859_1);
                if (used < SIZE / 2) {
                    lengths[slot] = len;
                    heads[slot] = head;
                    tails[slot] = tail;
                    longKeys[slot] = len <= SHORT ? null : Arrays.copyOfRange(buf, from, to);
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
            if (lengths[slot] == len && (len <= SHORT ? heads[slot] == head && tails[slot] == tail
                    : same(longKeys[slot], buf, from, to))) {
                lastId = ids[slot];
                return v;
            }
            slot = (slot + 1) & (SIZE - 1);
        }
    }

    /** Bytes [at, at + n) as a little-endian word, n <= 8; one read when the array has room for eight. */
    private static long word(byte[] buf, int at, int n) {
        if (n == 0) {
            return 0;
        }
        if (at + 8 <= buf.length) {
            long w = (long) LONGS.get(buf, at);
            return n == 8 ? w : w & ((1L << (n << 3)) - 1);
        }
        long w = 0;
        for (int i = n - 1; i >= 0; i--) {
            w = (w << 8) | (buf[at + i] & 0xff);
        }
        return w;
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
