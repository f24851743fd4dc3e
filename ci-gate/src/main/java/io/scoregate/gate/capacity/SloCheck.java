package io.scoregate.gate.capacity;

import io.scoregate.gate.judge.Classification;

/**
 * One version at one rate against the capacity SLO: the numbers and what they say. {@code WITHIN} needs both
 * upper bounds inside the objective (evidence it sustained the rate), {@code EXCEEDS} one lower bound past it
 * (evidence it did not), {@code UNCLEAR} neither, {@code NO_DATA} too few requests or no latencies at all.
 *
 * @param version         the version
 * @param ratePerSecond   the offered arrival rate
 * @param requests        evidence requests (OK, TIMEOUT, ERROR)
 * @param timeouts        of which timed out
 * @param errors          of which failed otherwise (reported, not part of the SLO)
 * @param p95Ms           p95 latency, timeouts counted at the client timeout; NaN without latencies
 * @param p95LowerMs      its lower confidence bound (at the failure level)
 * @param p95UpperMs      its upper confidence bound
 * @param timeoutRate     timeouts / requests
 * @param timeoutLower    its lower confidence bound (at the failure level)
 * @param timeoutUpper    its upper confidence bound
 * @param status          what the bounds say
 * @param reason          one sentence
 */
public record SloCheck(String version, double ratePerSecond, long requests, long timeouts, long errors, double p95Ms,
                       double p95LowerMs, double p95UpperMs, double timeoutRate, double timeoutLower,
                       double timeoutUpper, Classification status, String reason) {

    public boolean sustained() {
        return status == Classification.WITHIN;
    }

    public boolean failed() {
        return status == Classification.EXCEEDS;
    }
}
