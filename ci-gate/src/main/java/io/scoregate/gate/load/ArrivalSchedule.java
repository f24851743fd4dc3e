package io.scoregate.gate.load;

import java.time.Duration;

/**
 * When each request is due, as an offset from the start of the run. The measured part is a constant
 * arrival rate: request {@code W + k} at {@code warmup + k / rate}. The warm-up ramps linearly from
 * {@value #RAMP_START} of the rate up to the full rate, so a cold generator JVM (and a cold service) is
 * not hit with the full rate while every request still needs a new connection: starting at full rate, the
 * first slow answers make the client open hundreds of connections at once and the run can tip into a state
 * where everything times out, which would measure the generator instead of the service.
 */
public final class ArrivalSchedule {

    static final double RAMP_START = 0.1;

    private final double rate;
    private final double warmupS;
    private final double startRate;
    private final long warmupCount;

    public ArrivalSchedule(double ratePerSecond, Duration warmup) {
        this.rate = ratePerSecond;
        this.warmupS = warmup.toNanos() / 1e9;
        this.startRate = ratePerSecond * RAMP_START;
        // requests due during the ramp: the area under the rate line
        this.warmupCount = Math.round(warmupS * (startRate + rate) / 2.0);
    }

    /** Requests sent during the warm-up ramp (excluded from the result). */
    public long warmupCount() {
        return warmupCount;
    }

    /** Offset of request {@code i} (counting warm-up requests first) from the start of the run, in nanoseconds. */
    public long offsetNanos(long i) {
        if (i >= warmupCount) {
            return Math.round((warmupS + (i - warmupCount) / rate) * 1e9);
        }
        // N(t) = startRate t + a t^2 with a = (rate - startRate) / (2 warmup); solve N(t) = i
        double a = (rate - startRate) / (2.0 * warmupS);
        double t = (-startRate + Math.sqrt(startRate * startRate + 4.0 * a * i)) / (2.0 * a);
        return Math.round(t * 1e9);
    }

    /** Offset of the first measured request. */
    public long measuredStartNanos() {
        return Math.round(warmupS * 1e9);
    }
}
