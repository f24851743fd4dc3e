package io.scoregate.gate.accesslog;

import java.util.SplittableRandom;

/** Random small edits of an access-log line, for checking the fast parser against the full one. */
final class LineMutations {

    /** Characters that matter to a JSON scanner, a non-ASCII one and two controls. */
    static final String ALPHABET = "{}[]:,\"\\ .-+eE0123456789tfnulZT\u00e9x\t\u0001";

    private LineMutations() {
    }

    /** {@code base} with one to three characters deleted, inserted or replaced, or cut short. */
    static String mutate(String base, SplittableRandom rnd) {
        StringBuilder b = new StringBuilder(base);
        int edits = 1 + rnd.nextInt(3);
        for (int k = 0; k < edits && b.length() > 0; k++) {
            int at = rnd.nextInt(b.length());
            switch (rnd.nextInt(4)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                case 2 -> b.setCharAt(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                default -> b.setLength(at);
            }
        }
        return b.toString();
    }
}
