package io.scoregate.gate.http;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A body handler that keeps at most {@code maxBytes} of the answer and fails with
 * {@link ExchangeFailedException.Failure#BODY_TOO_LARGE} the moment the answer (or its declared
 * {@code Content-Length}) goes past that, cancelling the subscription so the client stops reading and drops
 * the connection. The JDK's {@code ofString()} has no limit: an endless body grew the gate to 6.3 GB.
 * {@link #cancel()} stops a body that is still arriving (the deadline uses it against a trickle).
 */
final class CappedBody implements HttpResponse.BodyHandler<byte[]> {

    private final URI uri;
    private final long maxBytes;
    private volatile boolean cancelled;
    private volatile Subscriber current;

    CappedBody(URI uri, long maxBytes) {
        this.uri = uri;
        this.maxBytes = maxBytes;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        Subscriber s = new Subscriber(declared);
        current = s;
        return s;
    }

    /** Stops reading the body, if one is being read; a body not started yet is stopped as soon as it starts. */
    void cancel() {
        cancelled = true;
        Subscriber s = current;
        if (s != null) {
            s.stop();
        }
    }

    private final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final long declared;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        // onNext calls are serial (Flow contract), so these need no locking
        private final List<ByteBuffer> parts = new ArrayList<>();
        private long received;
        private volatile Flow.Subscription subscription;

        Subscriber(long declared) {
            this.declared = declared;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declared > maxBytes) {
                tooLarge();
            } else if (cancelled) {
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                received += b.remaining();
                if (received > maxBytes) {
                    tooLarge();
                    return;
                }
                parts.add(b);
            }
        }

        @Override
        public void onError(Throwable t) {
            parts.clear();
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            byte[] all = new byte[(int) received];
            int at = 0;
            for (ByteBuffer b : parts) {
                int n = b.remaining();
                b.get(all, at, n);
                at += n;
            }
            parts.clear();
            body.complete(all);
        }

        private void tooLarge() {
            parts.clear();
            body.completeExceptionally(ExchangeFailedException.bodyTooLarge(uri, maxBytes));
            subscription.cancel();
        }

        void stop() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
