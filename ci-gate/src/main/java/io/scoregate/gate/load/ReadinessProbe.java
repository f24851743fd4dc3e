package io.scoregate.gate.load;

import io.scoregate.gate.http.BoundedExchange;
import io.scoregate.gate.http.ExchangeFailedException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks the target's readiness endpoint once before any load: any HTTP answer proves the target is there; no
 * answer, or "not ready" (503), means there is nothing to measure, and the run ends before it starts (exit 5).
 */
final class ReadinessProbe {

    static final String PATH = "/q/health/ready";

    private final Duration timeout;

    ReadinessProbe(Duration timeout) {
        this.timeout = timeout;
    }

    void check(BoundedExchange client, LoadPlan plan) throws TargetUnreachableException, InterruptedException {
        URI target = plan.target();
        URI ready = plan.resolve(PATH);
        HttpRequest request = HttpRequest.newBuilder(ready).timeout(timeout).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, new BoundedExchange.Limits(timeout, HttpLoadRunner.ANSWER_BODY_CAP));
        } catch (ExchangeFailedException e) {
            String what = switch (e.failure()) {
                case DEADLINE -> "did not answer its readiness check " + ready + " within " + timeout.toMillis()
                        + " ms";
                case REFUSED -> "could not be reached (connection refused)";
                case BODY_TOO_LARGE, TRANSPORT -> "could not be reached (" + e.getMessage() + ")";
            };
            throw new TargetUnreachableException("The target " + target + " " + what + ".", e);
        }
        if (response.statusCode() == 503) {
            throw new TargetUnreachableException("The target " + target + " reports it is not ready (HTTP 503 from "
                    + ready + ").");
        }
    }
}
