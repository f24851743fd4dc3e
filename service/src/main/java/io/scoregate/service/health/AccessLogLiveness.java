package io.scoregate.service.health;

import io.scoregate.service.accesslog.AccessLogWriter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the access-log writer thread runs: without it the gate and incident analysis go blind, and
 * only a restart brings the thread back. Whether the file can be written is {@link AccessLogWellness}.
 */
@Liveness
@ApplicationScoped
public class AccessLogLiveness implements HealthCheck {

    private final AccessLogWriter writer;

    public AccessLogLiveness(AccessLogWriter writer) {
        this.writer = writer;
    }

    @Override
    public HealthCheckResponse call() {
        AccessLogWriter.Status status = writer.status();
        return HealthCheckResponse.named("access-log-writer")
                .status(status.threadAlive())
                .withData("path", writer.path().toString())
                .withData("linesWritten", status.linesWritten())
                .build();
    }
}
