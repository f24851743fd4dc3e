package io.scoregate.gate.accesslog;

import java.io.Closeable;
import java.io.IOException;

/** Closing several readers at once. */
final class Closeables {

    private Closeables() {
    }

    /** Closes every one, even after a failure; throws the first failure with the later ones suppressed in it. */
    static void closeAll(Iterable<? extends Closeable> all) throws IOException {
        IOException first = null;
        for (Closeable c : all) {
            try {
                c.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
