package io.scoregate.contract;

/** The RFC 9457 problem type URIs the service answers with: this base plus a slug (e.g. {@code deadline-exceeded}). */
public final class ProblemTypes {

    public static final String BASE = "https://scoregate.io/problems/";

    private ProblemTypes() {
    }

    /** The type URI of a slug. */
    public static String uri(String slug) {
        return BASE + slug;
    }
}
