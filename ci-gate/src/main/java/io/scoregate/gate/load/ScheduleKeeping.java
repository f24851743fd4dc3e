package io.scoregate.gate.load;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * How late the generator sent each measured request, and the verdict on the generator itself. Lag is charged
 * to each request's latency (it is measured from the intended send time), so small lag is harmless; but when
 * more than {@link #MAX_LATE_SEND_SHARE} of the measured requests leave later than {@link #lateSendThreshold},
 * the run measured this machine, not the target, and gives no verdict ({@link GeneratorOverloadedException}).
 * Used by the one send thread only.
 */
final class ScheduleKeeping {

    /** More than this share of measured requests sent late means the generator, not the service, was measured. */
    static final double MAX_LATE_SEND_SHARE = 0.01;

    private final LoadPlan plan;
    private final long lateSendNs;
    private final Histogram lagUs = new Histogram(LoadRun.HIGHEST_TRACKABLE_US, 3);
    private long lateSends;
    private long maxLagNs;
    private long firstSendNs;
    private long lastSendNs;
    private boolean any;

    ScheduleKeeping(LoadPlan plan) {
        this.plan = plan;
        this.lateSendNs = lateSendThreshold(plan).toNanos();
    }

    /**
     * How late a send may leave before it counts against the generator: a quarter of the client timeout
     * (at least 100 ms); lag of this size starts turning answers the service gave in time into client timeouts.
     */
    static Duration lateSendThreshold(LoadPlan plan) {
        Duration quarter = plan.requestTimeout().dividedBy(4);
        return quarter.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : quarter;
    }

    /** A measured request left at {@code sendNs}, {@code lagNs} after its intended time. */
    void sent(long sendNs, long lagNs) {
        lagUs.recordValue(Math.min(LoadRun.HIGHEST_TRACKABLE_US, lagNs / 1_000));
        if (lagNs > lateSendNs) {
            lateSends++;
        }
        maxLagNs = Math.max(maxLagNs, lagNs);
        if (!any) {
            firstSendNs = sendNs;
            any = true;
        }
        lastSendNs = sendNs;
    }

    Duration maxLag() {
        return Duration.ofNanos(maxLagNs);
    }

    /** The rate achieved between the first and the last measured send, against the plan's. */
    ScheduleAdherence adherence(long measured) {
        double sendSpanS = (lastSendNs - firstSendNs) / 1e9;
        double achieved = measured < 2 || sendSpanS <= 0 ? plan.ratePerSecond() : (measured - 1) / sendSpanS;
        return new ScheduleAdherence(plan.ratePerSecond(), achieved,
                Duration.ofNanos(lagUs.getValueAtPercentile(99.0) * 1_000), maxLag());
    }

    /** Throws when the generator fell behind its own schedule; call after the run's files are written. */
    void checkNotOverloaded(long measured) throws GeneratorOverloadedException {
        if (lateSends > measured * MAX_LATE_SEND_SHARE) {
            throw new GeneratorOverloadedException("The load generator could not keep to its schedule: "
                    + lateSends + " of " + measured + " measured requests left more than "
                    + lateSendThreshold(plan).toMillis() + " ms after their intended time (worst "
                    + maxLagNs / 1_000_000 + " ms), so the run measured this machine, not " + plan.target()
                    + "; lower --rate or run compare on a less loaded machine.");
        }
    }
}
