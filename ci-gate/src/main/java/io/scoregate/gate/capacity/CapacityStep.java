package io.scoregate.gate.capacity;

import io.scoregate.gate.judge.Verdict;
import java.util.Optional;

/**
 * One rate of a capacity run: each version's SLO check (empty when it no longer ran: it had already failed, or
 * the generator fell behind first), and the existing judge's verdict on candidate against baseline at this rate
 * when both ran (context, the capacity decision does not use it).
 */
public record CapacityStep(int index, double ratePerSecond, Optional<SloCheck> baseline, Optional<SloCheck> candidate,
                           Optional<Verdict> judged) {
}
