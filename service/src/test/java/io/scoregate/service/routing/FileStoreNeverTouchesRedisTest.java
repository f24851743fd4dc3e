package io.scoregate.service.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * With the file store, the Redis client must never connect: quarkus.redis.hosts points at a listener that
 * counts connections, and after startup, reads, a write and a refresh it has counted none.
 */
@QuarkusTest
@TestProfile(FileStoreNeverTouchesRedisTest.CountingListener.class)
class FileStoreNeverTouchesRedisTest {

    static final AtomicInteger CONNECTIONS = new AtomicInteger();
    static ServerSocket listener;

    public static class CountingListener implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                if (listener == null) {
                    listener = new ServerSocket();
                    listener.bind(new InetSocketAddress("127.0.0.1", 0));
                    Thread t = new Thread(() -> {
                        while (!listener.isClosed()) {
                            try (Socket s = listener.accept()) {
                                CONNECTIONS.incrementAndGet();
                            } catch (IOException e) {
                                return;
                            }
                        }
                    }, "redis-connection-counter");
                    t.setDaemon(true);
                    t.start();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("scoregate.routing.store", "file",
                    "scoregate.data-dir", "target/test-data-file-only",
                    "quarkus.redis.hosts", "redis://127.0.0.1:" + listener.getLocalPort());
        }
    }

    @jakarta.inject.Inject
    RoutingService routing;

    @Test
    void shouldNeverConnectToRedisWithTheFileStore() {
        long revision = given().get("/admin/routing").then().statusCode(200)
                .body("store.kind", equalTo("file")).extract().jsonPath().getLong("revision");
        given().header("Authorization", "Bearer test-admin-token").contentType(ContentType.JSON)
                .body("{\"stable\":\"v1.2\",\"weights\":{\"v1.2\":100},\"expectedRevision\":" + revision
                        + ",\"reason\":\"file only\"}")
                .when().put("/admin/routing").then().statusCode(200);
        routing.refresh();
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);

        assertThat(CONNECTIONS.get()).isZero();
    }
}
