package io.scoregate.gate.e2e;

import io.scoregate.gate.corpus.SmeApplicationGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Pinned requests to both versions on every instance before a canary starts, so none of them is evidence.
 * Measured on this 2-core machine at load average 20: a fresh JVM's first v1.3 requests (the 300-tree ensemble,
 * cold code paths) timed out 7 of 11 within 4 s even at 10 req/s, and timeouts are evidence from the first
 * request (a warm-up spares latencies only). A production candidate has served staging's pinned comparison first.
 */
final class PinnedWarmup {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PinnedWarmup() {
    }

    static void warm(List<URI> fleet) {
        warm(fleet, List.of("v1.2", "v1.3"));
    }

    /** Only {@code versions}: a version under a CPU drill would take many seconds to warm this way. */
    static void warm(List<URI> fleet, List<String> versions) {
        var bodies = new SmeApplicationGenerator(5);
        for (URI instance : fleet) {
            for (String version : versions) {
                for (int round = 0; round < 4; round++) {
                    List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        answers.add(HTTP.sendAsync(HttpRequest.newBuilder(instance.resolve("/risk-score"))
                                .header("Content-Type", "application/json").header("X-Model-Version", version)
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.next().json())).build(),
                                HttpResponse.BodyHandlers.discarding()));
                    }
                    answers.forEach(CompletableFuture::join);
                }
            }
        }
    }
}
