package io.scoregate.service.health;

import io.scoregate.service.accesslog.AccessLogWriter;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * DOWN while access-log lines cannot be written (full disk, read-only or missing directory), with the last
 * error; UP again after the first write that succeeds. Shown at /q/health and /q/health/well.
 * <p>
 * Deliberately neither liveness nor readiness. Liveness would make Kubernetes restart the pod in a loop:
 * a restart frees no disk and throws away the traffic windows the rollback guard judges from. Readiness
 * would take every pod out of the Service when they share the cause (one full volume), turning lost audit
 * lines into a lending outage, while the scores themselves are still right. So the pod keeps serving, every
 * lost line is counted in scoregate_access_log_dropped_total{reason="write_failed"}, and this check (and
 * that counter) are what to alert on.
 */
@Wellness
@ApplicationScoped
public class AccessLogWellness implements HealthCheck {

    private final AccessLogWriter writer;

    public AccessLogWellness(AccessLogWriter writer) {
        this.writer = writer;
    }

    @Override
    public HealthCheckResponse call() {
        AccessLogWriter.Status status = writer.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("access-log-file")
                .status(status.failure().isEmpty())
                .withData("file", writer.path().getFileName().toString())
                .withData("linesWritten", status.linesWritten())
                .withData("linesDropped", status.linesDropped());
        status.failure().ifPresent(f -> response.withData("lastError", f));
        return response.build();
    }
}
