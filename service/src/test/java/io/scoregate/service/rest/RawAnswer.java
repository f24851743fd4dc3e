package io.scoregate.service.rest;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One POST over a raw socket, for requests no HTTP client sends (a declared length the body never reaches):
 * everything the server answers until it closes, whether it closed, and how long that took.
 */
record RawAnswer(String text, boolean closed, Duration elapsed) {

    static RawAnswer exchange(URL url, String extraHeaders, String partialBody, Duration readTimeout)
            throws Exception {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout((int) readTimeout.toMillis());
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            out.write(("POST " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\n"
                    + "Content-Type: application/json\r\n" + extraHeaders + "\r\n\r\n" + partialBody)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            boolean closed = false;
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
                closed = true;
            } catch (SocketTimeoutException e) {
                // still open after readTimeout: closed stays false
            } catch (java.net.SocketException e) {
                closed = true; // reset by the server: closed, too
            }
            return new RawAnswer(received.toString(StandardCharsets.UTF_8), closed,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    String statusLine() {
        int end = text.indexOf("\r\n");
        return end < 0 ? text : text.substring(0, end);
    }
}
