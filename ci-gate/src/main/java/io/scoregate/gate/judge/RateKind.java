package io.scoregate.gate.judge;

/** Which outcome a rate counts. */
enum RateKind {
    TIMEOUT, ERROR;

    long events(Arm a) {
        return this == TIMEOUT ? a.timeouts() : a.errors();
    }
}
