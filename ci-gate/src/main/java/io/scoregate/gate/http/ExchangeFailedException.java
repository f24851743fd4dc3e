package io.scoregate.gate.http;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * An HTTP exchange that did not produce a complete answer within its {@link BoundedExchange.Limits}; the
 * message is one line naming the URL and what happened, e.g. {@code http://a:8080/q/metrics: answer body
 * exceeded 8 MiB}.
 */
public final class ExchangeFailedException extends IOException {

    /** What went wrong; callers tell a slow target (a timeout) from a broken one. */
    public enum Failure {
        /** No complete answer (headers and body) within the deadline. */
        DEADLINE,
        /** The answer body was longer than the cap. */
        BODY_TOO_LARGE,
        /** Nothing listens there: the connection was refused. */
        REFUSED,
        /** Any other transport failure: reset, closed early, DNS, TLS. */
        TRANSPORT
    }

    private final Failure failure;
    private final URI uri;
    private final String what;

    ExchangeFailedException(Failure failure, URI uri, String what, Throwable cause) {
        super(uri + ": " + what, cause);
        this.failure = failure;
        this.uri = uri;
        this.what = what;
    }

    /**
     * No stack trace: this is a labelled outcome the caller reports in one sentence, not a bug, and under load
     * thousands a second are made (a deadline per late request); a transport failure keeps its cause's trace.
     */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    static ExchangeFailedException deadline(URI uri, Duration deadline) {
        return new ExchangeFailedException(Failure.DEADLINE, uri, "no complete answer within " + text(deadline), null);
    }

    static ExchangeFailedException bodyTooLarge(URI uri, long maxBytes) {
        return new ExchangeFailedException(Failure.BODY_TOO_LARGE, uri, "answer body exceeded " + bytes(maxBytes), null);
    }

    public Failure failure() {
        return failure;
    }

    public URI uri() {
        return uri;
    }

    /** What happened without the URL, for URLs that carry a secret (a webhook's path is its password). */
    public String what() {
        return what;
    }

    /** "10 s" for whole seconds, "1500 ms" otherwise. */
    static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** "8 MiB", "64 KiB" or "1000 bytes". */
    static String bytes(long n) {
        if (n >= 1 << 20 && n % (1 << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        if (n >= 1 << 10 && n % (1 << 10) == 0) {
            return (n >> 10) + " KiB";
        }
        return n + " bytes";
    }
}
