package io.scoregate.gate.rollout;

import java.time.Duration;

/**
 * Waits between the steps of a rollout or rollback (holds, propagation polls). The real one parks the
 * thread; tests pass one that moves a fake clock, so a ten-minute hold takes no time.
 */
@FunctionalInterface
public interface Pacer {

    void pause(Duration duration) throws InterruptedException;

    Pacer REAL = duration -> Thread.sleep(Math.max(0, duration.toMillis()));
}
