package io.scoregate.gate.judge;

/**
 * The default length of a {@code compare} run, chosen so the judge's simulation
 * ({@code JudgeSimulationTest}) catches a regression at 1.25x any default limit at least 95% of the time:
 * the error-rate rule (2% vs 2.5%) is the hardest and needs about 14 000 requests per arm at the Holm
 * level (see {@link io.scoregate.gate.stats.SampleSize#forRate}).
 */
public final class RunLength {

    /** Measured requests per arm; compare sends twice this in total (both arms interleaved). */
    public static final long DEFAULT_REQUESTS_PER_ARM = 16_000;
    /** Total arrival rate over both arms, requests per second. */
    public static final double DEFAULT_RATE_PER_SECOND = 400;

    private RunLength() {
    }
}
