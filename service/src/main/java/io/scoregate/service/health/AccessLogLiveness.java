package io.scoregate.service.health;

import io.scoregate.service.accesslog.AccessLogWriter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the access-log writer thread runs: without it the gate and incident analysis go blind. */
@Liveness
@ApplicationScoped
public class AccessLogLiveness implements HealthCheck {

    private final AccessLogWriter writer;

    public AccessLogLiveness(AccessLogWriter writer) {
        this.writer = writer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("access-log-writer")
                .status(writer.isAlive())
                .withData("path", writer.path().toString())
                .withData("linesWritten", writer.linesWritten())
                .build();
    }
}
