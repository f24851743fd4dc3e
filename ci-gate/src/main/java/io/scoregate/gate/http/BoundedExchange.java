package io.scoregate.gate.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every HTTP exchange of the gate goes through here, with two bounds the JDK client does not give on its own:
 * <ul>
 * <li>a <b>deadline for the whole exchange</b>, headers and body: {@link HttpRequest.Builder#timeout} stops
 *     at the headers, so a body trickling one byte a second kept {@code compare}, {@code rollback} and
 *     {@code rollout} waiting silently. {@link Deadlines} fails the answer at the deadline (at most a tick
 *     late) and that cancels the exchange (the body subscription and the client's future), which closes the
 *     connection; the request's own timeout still ends a wait for headers on time;</li>
 * <li>a <b>cap on the answer body</b> ({@link CappedBody}): an endless body grew the gate to 6.3 GB.</li>
 * </ul>
 * Either violation, and any transport failure, is an {@link ExchangeFailedException} naming the URL. The
 * synchronous {@link #send} also answers an interrupt (SIGTERM) at once, cancelling the exchange, and never
 * starts an exchange on a thread that is already interrupted.
 */
public final class BoundedExchange {

    /** The most a caller may ask to hold in memory for one answer. */
    public static final long MAX_BODY_CAP = 256L << 20;

    /** How long one exchange may take and how much of its answer body is read. */
    public record Limits(Duration deadline, long maxBodyBytes) {
        public Limits {
            if (deadline.isNegative() || deadline.isZero() || deadline.toHours() > 1) {
                throw new IllegalArgumentException("`deadline` must be between 1 ms and 1 h, but was " + deadline);
            }
            if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_CAP) {
                throw new IllegalArgumentException("`maxBodyBytes` must be between 1 and " + MAX_BODY_CAP
                        + ", but was " + maxBodyBytes);
            }
        }
    }

    private final HttpClient client;

    public BoundedExchange(HttpClient client) {
        this.client = client;
    }

    /**
     * Starts the exchange; the future completes with the whole answer, or exceptionally with an
     * {@link ExchangeFailedException} by the deadline at the latest. Cancelling the future ends the exchange.
     */
    public CompletableFuture<HttpResponse<byte[]>> sendAsync(HttpRequest request, Limits limits) {
        URI uri = request.uri();
        CappedBody body = new CappedBody(uri, limits.maxBodyBytes());
        CompletableFuture<HttpResponse<byte[]>> answer = new CompletableFuture<>();
        CompletableFuture<HttpResponse<byte[]>> exchange;
        try {
            exchange = client.sendAsync(request, body);
        } catch (RuntimeException e) {
            answer.completeExceptionally(failure(uri, limits, e));
            return answer;
        }
        Deadlines.add(limits.deadline(), answer,
                () -> answer.completeExceptionally(ExchangeFailedException.deadline(uri, limits.deadline())));
        exchange.whenComplete((response, error) -> {
            if (error == null) {
                answer.complete(response);
            } else {
                answer.completeExceptionally(failure(uri, limits, error));
            }
        });
        answer.whenComplete((response, error) -> {
            if (error != null) {
                // the deadline, a cancel or a failure: stop reading a body that may still be coming
                body.cancel();
                exchange.cancel(true);
            }
        });
        return answer;
    }

    /** The whole answer, or an {@link ExchangeFailedException} within the deadline; an interrupt cancels it. */
    public HttpResponse<byte[]> send(HttpRequest request, Limits limits)
            throws ExchangeFailedException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before calling " + request.uri());
        }
        var answer = sendAsync(request, limits);
        try {
            // the timer completes the answer at the deadline; the margin only guards against a starved timer
            return answer.get(limits.deadline().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw ExchangeFailedException.deadline(request.uri(), limits.deadline());
        } catch (ExecutionException e) {
            throw failure(request.uri(), limits, e.getCause());
        }
    }

    /** The answer body as UTF-8 text (malformed bytes replaced: callers parse it and say when it is not theirs). */
    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** Turns whatever the client failed with into one {@link ExchangeFailedException} naming the URL. */
    static ExchangeFailedException failure(URI uri, Limits limits, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ExchangeFailedException f) {
                return f;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return ExchangeFailedException.deadline(uri, limits.deadline());
            }
            if (t instanceof ConnectException) {
                return new ExchangeFailedException(ExchangeFailedException.Failure.REFUSED, uri,
                        "connection refused", error);
            }
        }
        Throwable t = error;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof CompletionException
                || t instanceof ExecutionException)) {
            t = t.getCause();
        }
        String what = t instanceof IOException && t.getMessage() != null ? t.getMessage()
                : t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return new ExchangeFailedException(ExchangeFailedException.Failure.TRANSPORT, uri,
                "no answer (" + what.replace('\n', ' ') + ")", error);
    }
}
