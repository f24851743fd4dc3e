package io.scoregate.gate.analyze;

import java.time.Instant;

/** One time slot of the latency-over-time chart, split into the top suspect's requests and the rest. */
public record ChartPoint(Instant slotStart, long insideRequests, double insideMeanMs, double insideFailureRate,
                         long outsideRequests, double outsideMeanMs, double outsideFailureRate) {
}
