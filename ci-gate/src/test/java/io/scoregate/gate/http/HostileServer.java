package io.scoregate.gate.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A misbehaving staging target on a raw loopback socket (the JDK's HttpServer would not let a handler lie or
 * stall this freely): per request path it streams an endless body, trickles one byte a second, never answers,
 * or answers properly. It counts what it wrote and which connections the client dropped, so a test can show
 * the gate hung up instead of reading on.
 */
public final class HostileServer implements AutoCloseable {

    /** What the server does with a request for a path. */
    public sealed interface Behaviour permits Endless, Trickle, Silent, Answer {
    }

    /** 200, no length, then 64 KiB chunks of 'x' until the client hangs up. */
    public record Endless() implements Behaviour {
    }

    /** 200 with a Content-Length of 1000, then one byte a second. */
    public record Trickle() implements Behaviour {
    }

    /** Reads the request and never writes a byte. */
    public record Silent() implements Behaviour {
    }

    /** A proper answer. */
    public record Answer(int status, String contentType, String body) implements Behaviour {
    }

    public static final Behaviour ENDLESS = new Endless();
    public static final Behaviour TRICKLE = new Trickle();
    public static final Behaviour SILENT = new Silent();

    private final ServerSocket socket;
    private final Function<String, Behaviour> byPath;
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger hungUp = new AtomicInteger();
    private final CountDownLatch firstRequest = new CountDownLatch(1);
    private final CountDownLatch firstStall = new CountDownLatch(1);
    private final List<String> requestLines = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean closed;

    /** The same behaviour for every path. */
    public HostileServer(Behaviour behaviour) throws IOException {
        this(path -> behaviour);
    }

    public HostileServer(Function<String, Behaviour> byPath) throws IOException {
        this.byPath = byPath;
        this.socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "hostile-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    public long bytesWritten() {
        return bytesWritten.get();
    }

    public int requests() {
        return requests.get();
    }

    /** Connections on which a write failed because the client closed them. */
    public int hungUp() {
        return hungUp.get();
    }

    /** Waits until a request arrived. */
    public boolean awaitRequest(long seconds) throws InterruptedException {
        return firstRequest.await(seconds, TimeUnit.SECONDS);
    }

    /** Waits until a request got a hostile answer (e.g. before signalling a process that must be in mid-call). */
    public boolean awaitStall(long seconds) throws InterruptedException {
        return firstStall.await(seconds, TimeUnit.SECONDS);
    }

    /** Every request line received, e.g. {@code GET /admin/routing HTTP/1.1}. */
    public List<String> requestLines() {
        synchronized (requestLines) {
            return List.copyOf(requestLines);
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = socket.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "hostile-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            while (true) {
                String requestLine = in.readLine();
                if (requestLine == null) {
                    return;
                }
                long length = 0;
                String h;
                while ((h = in.readLine()) != null && !h.isEmpty()) {
                    if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Long.parseLong(h.substring(15).trim());
                    }
                }
                in.skip(length);
                String path = URI.create(requestLine.split(" ")[1]).getPath();
                requestLines.add(requestLine);
                requests.incrementAndGet();
                firstRequest.countDown();
                Behaviour b = byPath.apply(path);
                if (!(b instanceof Answer)) {
                    firstStall.countDown();
                }
                if (b instanceof Answer a) {
                    byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
                    write(out, ("HTTP/1.1 " + a.status() + " X\r\nContent-Type: " + a.contentType()
                            + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    write(out, body);
                    continue;
                }
                if (b instanceof Silent) {
                    while (!closed && in.read() >= 0) {
                        // nothing to say; returns when the client hangs up
                    }
                    return;
                }
                if (b instanceof Trickle) {
                    write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    for (int i = 0; i < 1000 && !closed; i++) {
                        write(out, new byte[] {'x'});
                        Thread.sleep(1000);
                    }
                    return;
                }
                write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                byte[] chunk = new byte[64 << 10];
                java.util.Arrays.fill(chunk, (byte) 'x');
                while (!closed) {
                    write(out, chunk);
                }
                return;
            }
        } catch (IOException e) {
            if (!closed) {
                hungUp.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(s);
        }
    }

    private void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        bytesWritten.addAndGet(bytes.length);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        synchronized (open) {
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
