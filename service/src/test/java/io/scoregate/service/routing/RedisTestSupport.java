package io.scoregate.service.routing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The Redis the tests need: 127.0.0.1:6399, started by .ci/run (or by hand, see the message). */
public final class RedisTestSupport {

    public static final int PORT = 6399;
    public static final String HOSTS = "redis://127.0.0.1:" + PORT;

    private RedisTestSupport() {
    }

    /** Fails (never skips) when no redis-server answers, saying how to start one. */
    public static void requireRedis() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", PORT), 1000);
        } catch (IOException e) {
            fail("these tests need a real redis-server on 127.0.0.1:" + PORT + " (" + e.getMessage() + "); start one "
                    + "with: redis-server --port " + PORT + " --save '' --daemonize yes");
        }
    }
}
