package io.scoregate.service.rest;

import io.scoregate.service.config.BenchConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.util.Map;
import io.smallrye.common.annotation.NonBlocking;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The baseline of bench/wrk-risk-score.sh: a bare Quarkus JSON POST (Jackson in, Jackson out) with none of
 * scoring, routing, metrics or the access log. It answers the parsed body back, so its response is about
 * the size of a /risk-score answer (300 bytes against 280): the socket write grows with the bytes written,
 * and a two-field answer would charge that part of Quarkus' own cost to scoring. 404 unless
 * scoregate.bench.echo-enabled=true.
 */
@Path("/bench/echo")
public class BenchEchoResource {

    private final boolean enabled;

    public BenchEchoResource(BenchConfig config) {
        this.enabled = config.echoEnabled();
    }

    @POST
    @Consumes("application/json")
    @Produces("application/json")
    @Operation(hidden = true)
    @NonBlocking // like /risk-score, on the event loop: the baseline must not pay a worker-thread hop
    public Map<String, Object> echo(Map<String, Object> body) {
        if (!enabled) {
            throw new NotFoundException("POST /bench/echo is off; set scoregate.bench.echo-enabled=true");
        }
        return body;
    }
}
