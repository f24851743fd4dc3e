package io.scoregate.gate.http;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The load generator's HTTP exchanges: Vert.x's non-blocking HTTP/1.1 client on its own event loops, with a
 * bounded pool of keep-alive connections per loop, so one send thread can hand off thousands of requests a second
 * where {@code java.net.http.HttpClient} fell behind at about 2,000. The bounds are {@link BoundedExchange}'s: a
 * {@link Deadlines deadline for the whole exchange}, connection wait, headers and body included, and a cap on the
 * answer body, which is counted and discarded (the generator needs the status and the headers). An answer still
 * coming at the deadline is a timeout for the caller and is read to its end for one more deadline so that its
 * connection is kept (see {@link #abandon}). Every failure is an {@link ExchangeFailedException} naming the URL,
 * labelled as {@link BoundedExchange} labels the JDK client's. Exchanges are added to a {@link Batch} and handed
 * to an event loop together. Thread-safe; {@link #close()} ends the event loops.
 */
public final class PooledExchange implements AutoCloseable {

    /** What the generator keeps of an answer. */
    public record Answer(int statusCode, MultiMap headers) {

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    /** How long starting or stopping the event loops may take. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    static {
        // Name resolution through the JDK, as every other exchange of the gate: the system resolver's
        // /etc/hosts, search domains and ndots (Kubernetes) are what the user's --target means.
        System.setProperty("vertx.disableDnsResolver", "true");
    }

    /** One event loop's share: its context and a client whose connections live on that loop only. */
    private record Loop(Context context, HttpClient client) {
    }

    private final Vertx vertx;
    private final Duration deadline;
    private final Loop[] loops;
    private final AtomicLong next = new AtomicLong();

    /**
     * @param maxConnections the pool's bound, shared out over the event loops; requests beyond it wait for a free
     *                       connection (their latency, counted from the intended send time, includes the wait)
     * @param eventLoops     threads that run the connections; requests are dealt to them in turn
     * @param deadline       the longest any one exchange of this client may take
     */
    public PooledExchange(int maxConnections, int eventLoops, Duration deadline) {
        this.deadline = deadline;
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(eventLoops)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setPreferNativeTransport(false)
                // no .vertx cache directory in the user's working directory
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        int timerMs = (int) Math.min(Integer.MAX_VALUE, deadline.toMillis());
        int perLoop = Math.max(1, maxConnections / eventLoops);
        // A deployed verticle gets a context on the next event loop; all are deployed before any client is made,
        // because making a client takes a turn of that round robin too.
        Context[] contexts = new Context[eventLoops];
        for (int i = 0; i < eventLoops; i++) {
            int slot = i;
            await(vertx.deployVerticle(new AbstractVerticle() {
                @Override
                public void start() {
                    contexts[slot] = context;
                }
            }));
        }
        // A client used from one context only keeps its connections and callbacks on that context's loop: no
        // request crosses threads after the hand-off.
        this.loops = new Loop[eventLoops];
        for (int i = 0; i < eventLoops; i++) {
            loops[i] = new Loop(contexts[i], vertx.createHttpClient(new HttpClientOptions()
                            .setKeepAlive(true)
                            .setTcpNoDelay(true)
                            .setConnectTimeout(timerMs)
                            .setDecompressionSupported(false),
                    new PoolOptions().setHttp1MaxSize(perLoop)));
        }
    }

    /** A new batch, for one thread to fill and flush. */
    public Batch batch() {
        return new Batch();
    }

    /**
     * Exchanges collected on one thread and handed to an event loop together, in one task: handing each over
     * alone costs the loop a wake-up per request, CPU that on a small (virtual) machine the target being measured
     * needs. Not thread-safe: one per sending thread.
     */
    public final class Batch {

        private List<Consumer<HttpClient>> pending = new ArrayList<>();

        private Batch() {
        }

        /**
         * Adds a POST of {@code body}, started at the next {@link #flush()}; the future completes with the status
         * and headers once the whole answer has arrived, or exceptionally with an {@link ExchangeFailedException}
         * by {@code limits.deadline()} after this call at the latest. Cancelling the future ends the exchange.
         */
        public CompletableFuture<Answer> post(URI uri, Map<String, String> headers, String body,
                                              BoundedExchange.Limits limits) {
            if (limits.deadline().compareTo(deadline) > 0) {
                throw new IllegalArgumentException("an exchange's deadline " + limits.deadline()
                        + " is longer than this client's " + deadline);
            }
            CompletableFuture<Answer> answer = new CompletableFuture<>();
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setHost(uri.getHost())
                    .setPort(port(uri))
                    .setSsl("https".equals(uri.getScheme()))
                    .setURI(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                    // the wait for a pooled connection ends with the exchange: a waiter past its deadline is dropped
                    // from the queue instead of holding a connection it will only reset
                    .setConnectTimeout(limits.deadline().toMillis());
            headers.forEach(options::putHeader);
            Deadlines.add(limits.deadline(), answer,
                    () -> answer.completeExceptionally(ExchangeFailedException.deadline(uri, limits.deadline())));
            pending.add(client -> start(client, options, uri, body, limits, answer));
            return answer;
        }

        /** The exchanges added since the last flush. */
        public int size() {
            return pending.size();
        }

        /** Hands what was added since the last flush to the next event loop. */
        public void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<Consumer<HttpClient>> starts = pending;
            pending = new ArrayList<>();
            Loop loop = loops[(int) (next.getAndIncrement() % loops.length)];
            loop.context().runOnContext(v -> starts.forEach(start -> start.accept(loop.client())));
        }
    }

    private static void start(HttpClient client, RequestOptions options, URI uri, String body,
                              BoundedExchange.Limits limits, CompletableFuture<Answer> answer) {
        if (answer.isDone()) {
            return; // expired, cancelled or interrupted before its loop got to it
        }
        client.request(options).onComplete(connected -> {
            if (connected.failed()) {
                answer.completeExceptionally(failure(uri, limits, connected.cause()));
                return;
            }
            HttpClientRequest request = connected.result();
            CompletableFuture<Void> ended = new CompletableFuture<>();
            // a reset (ours) or a broken connection; without a handler Vert.x logs each one
            request.exceptionHandler(e -> {
                ended.complete(null);
                answer.completeExceptionally(failure(uri, limits, e));
            });
            answer.whenComplete((ok, error) -> {
                if (error != null) {
                    abandon(request, error, ended, limits);
                }
            });
            if (answer.isDone()) {
                return;
            }
            request.send(Buffer.buffer(body)).onComplete(sent -> {
                if (sent.failed()) {
                    ended.complete(null);
                    answer.completeExceptionally(failure(uri, limits, sent.cause()));
                } else {
                    readToEnd(uri, limits, sent.result(), answer, ended);
                }
            });
        });
    }

    /**
     * An exchange that failed for its caller. Past its deadline it is a timeout whatever comes later, but the
     * answer is still read (and thrown away) for one more deadline, so that its connection goes back to the pool:
     * resetting it closes the connection, and when a whole pool of requests times out together (a stall, a cold
     * start) reopening hundreds of connections kept the client too busy to send on time, and every request after
     * timed out too. A cancel (SIGTERM), an answer over the cap, or an answer not done by the second deadline
     * resets at once.
     */
    private static void abandon(HttpClientRequest request, Throwable error, CompletableFuture<Void> ended,
                                BoundedExchange.Limits limits) {
        if (error instanceof ExchangeFailedException f && f.failure() == ExchangeFailedException.Failure.DEADLINE) {
            Deadlines.add(limits.deadline(), ended, request::reset);
        } else {
            request.reset();
        }
    }

    private static void readToEnd(URI uri, BoundedExchange.Limits limits, HttpClientResponse response,
                                  CompletableFuture<Answer> answer, CompletableFuture<Void> ended) {
        long[] bytes = {0};
        response.handler(chunk -> {
            bytes[0] += chunk.length();
            if (bytes[0] > limits.maxBodyBytes()) {
                ExchangeFailedException tooLarge = ExchangeFailedException.bodyTooLarge(uri, limits.maxBodyBytes());
                if (!answer.completeExceptionally(tooLarge)) {
                    // already a timeout, being drained: an endless body ends the drain too
                    response.request().reset();
                }
            }
        });
        response.exceptionHandler(e -> {
            ended.complete(null);
            answer.completeExceptionally(failure(uri, limits, e));
        });
        response.endHandler(end -> {
            ended.complete(null);
            answer.complete(new Answer(response.statusCode(), response.headers()));
        });
    }

    /**
     * As {@link BoundedExchange#failure}, and Vert.x's own timers (the wait for a pooled connection, the TCP
     * connect) are the deadline, as the JDK client's connect timeout is: the target did not answer in time.
     */
    private static ExchangeFailedException failure(URI uri, BoundedExchange.Limits limits, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof ConnectTimeoutException) {
                return ExchangeFailedException.deadline(uri, limits.deadline());
            }
        }
        return BoundedExchange.failure(uri, limits, error);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }

    /** Closes every connection and stops the event loops, waiting a few seconds at most. */
    @Override
    public void close() {
        try {
            await(vertx.close());
        } catch (RuntimeException e) {
            // nothing is left to lose: every exchange has ended or been abandoned
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting or stopping the HTTP client", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the HTTP client did not start or stop within " + CLOSE_WAIT, e);
        }
    }
}
