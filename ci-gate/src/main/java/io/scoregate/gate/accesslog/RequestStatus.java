package io.scoregate.gate.accesslog;

/** The outcome of one scoring request, exactly as the service's access log spells it. */
public enum RequestStatus {
    /** Scored and answered 2xx. */
    OK,
    /** Past the service's deadline: answered 504. A right-censored latency, not a missing one. */
    TIMEOUT,
    /** The service failed (5xx other than the deadline). */
    ERROR,
    /** The client's mistake (4xx): not evidence about the model's latency. */
    REJECTED
}
